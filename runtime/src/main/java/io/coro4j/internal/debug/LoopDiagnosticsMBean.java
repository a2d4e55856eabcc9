package io.coro4j.internal.debug;

/**
 * The JMX face of a running event loop, registered as {@code io.coro4j:type=EventLoop,name=<thread name>}:
 * what {@code jconsole} and {@code jmc} show under {@code io.coro4j}. Every member may be called from any
 * thread (JMX calls come on threads of their own).
 */
public interface LoopDiagnosticsMBean {
    /**
     * The task dump of the loop ({@code io.coro4j.EventLoop.dumpTasks()}): every pending task, its state,
     * what it waits for and its suspended stack. When the loop does not answer within a few seconds, a
     * message saying it is blocked, with its thread's stack.
     */
    String dumpTasks();

    /** Whether the loop is in debug mode (it logs slow callbacks). */
    boolean isDebug();

    /** Switches the loop's debug mode, for instance to find the step that holds a live loop. */
    void setDebug(boolean debug);

    /** The slow-callback threshold of the debug mode, in milliseconds. */
    long getSlowCallbackMillis();

    /** Sets the slow-callback threshold of the debug mode, in milliseconds. */
    void setSlowCallbackMillis(long millis);
}
