package io.coro4j.internal.debug;

import io.coro4j.EventLoop;

import java.time.Duration;

/**
 * The {@link LoopDiagnosticsMBean} of one loop: forwards to the loop's public face, whose members are
 * safe from any thread (the dump hops onto the loop thread and waits with a timeout).
 */
public final class LoopDiagnostics implements LoopDiagnosticsMBean {
    private final EventLoop loop;

    private LoopDiagnostics(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Registers {@code loop}, running on {@code thread}, until the returned action is run (when the loop
     * closes). Nothing happens with {@code -Dcoro4j.jmx=false}.
     */
    public static Runnable register(Thread thread, EventLoop loop) {
        if (!DebugMode.JMX) {
            return () -> {};
        }
        return MBeanRegistrar.register(new LoopDiagnostics(loop), thread.getName(), thread.getId());
    }

    @Override
    public String dumpTasks() {
        return loop.dumpTasks();
    }

    @Override
    public boolean isDebug() {
        return loop.isDebug();
    }

    @Override
    public void setDebug(boolean debug) {
        loop.setDebug(debug);
    }

    @Override
    public long getSlowCallbackMillis() {
        return loop.getSlowCallbackDuration().toMillis();
    }

    @Override
    public void setSlowCallbackMillis(long millis) {
        loop.setSlowCallbackDuration(Duration.ofMillis(millis));
    }
}
