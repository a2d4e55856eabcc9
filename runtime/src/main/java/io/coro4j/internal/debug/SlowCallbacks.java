package io.coro4j.internal.debug;

import io.coro4j.Task;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;

/**
 * The warning of the debug mode (asyncio's {@code "Executing %s took %.3f seconds"}): a callback or task
 * step held the loop, so every other task waited that long. For a task it also says where the task
 * stands now, its suspended stack innermost first, since the slow code ran just before that point.
 */
public final class SlowCallbacks {
    private static final System.Logger LOG = System.getLogger("io.coro4j.loop");

    private SlowCallbacks() {}

    /** Logs at WARNING that {@code callback} ran for {@code nanos}. */
    public static void report(Runnable callback, long nanos) {
        LOG.log(Level.WARNING, () -> message(callback, nanos));
    }

    static String message(Runnable callback, long nanos) {
        StringBuilder b = new StringBuilder("Executing ").append(callback)
                .append(String.format(Locale.ROOT, " took %.3f seconds", nanos / 1e9));
        if (callback instanceof Task && !((Task<?>) callback).isDone()) {
            List<StackTraceElement> stack = ((Task<?>) callback).getStack();
            if (!stack.isEmpty()) {
                b.append("; it now waits at:");
                StackPrinter.appendFrames(b, stack);
            }
        }
        return b.toString();
    }
}
