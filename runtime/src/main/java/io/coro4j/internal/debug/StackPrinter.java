package io.coro4j.internal.debug;

import java.io.PrintStream;
import java.util.List;

/**
 * The printed form of a task's stack ({@code Task.printStack}, asyncio's {@code print_stack}), written
 * as a Java stack trace is, innermost frame first with a tab and {@code at}, so that IDEs and log viewers
 * link each line to its source:
 *
 * <pre>
 * Stack for &lt;Task pending name='worker' coro=&lt;Main.worker() running at Main.java:14&gt;&gt; (most recent call first):
 * 	at io.coro4j.Coro.sleep(Coro.java:140)
 * 	at Main.worker(Main.java:14)
 * </pre>
 *
 * A task that failed prints {@code Traceback for <Task ...>:} and its exception's stack trace; one with
 * no frames (not started, succeeded, cancelled) prints {@code No stack for <Task ...>}.
 */
public final class StackPrinter {
    private StackPrinter() {}

    /**
     * Prints the stack of the task described by {@code header} (its {@code toString()}).
     *
     * @param failure the exception the task failed with, or null
     */
    public static void print(PrintStream out, String header, List<StackTraceElement> stack, Throwable failure) {
        StringBuilder b = new StringBuilder();
        if (failure != null) {
            b.append("Traceback for ").append(header).append(':');
        } else if (stack.isEmpty()) {
            b.append("No stack for ").append(header);
        } else {
            b.append("Stack for ").append(header).append(" (most recent call first):");
            appendFrames(b, stack);
        }
        synchronized (out) { // as Throwable.printStackTrace: one block, not interleaved with other threads
            out.println(b);
            if (failure != null) {
                failure.printStackTrace(out);
            }
        }
    }

    /**
     * Appends each frame on a line of its own, as {@code \n\tat frame}, without the class loader and module
     * names that some stack-trace elements carry ({@code app//}, {@code java.base@17/}): one form for every
     * source of frames.
     */
    public static void appendFrames(StringBuilder b, List<StackTraceElement> stack) {
        for (StackTraceElement f : stack) {
            b.append("\n\tat ").append(f.getClassName()).append('.').append(f.getMethodName()).append('(');
            if (f.isNativeMethod()) {
                b.append("Native Method");
            } else if (f.getFileName() == null) {
                b.append("Unknown Source");
            } else {
                b.append(f.getFileName());
                if (f.getLineNumber() >= 0) {
                    b.append(':').append(f.getLineNumber());
                }
            }
            b.append(')');
        }
    }
}
