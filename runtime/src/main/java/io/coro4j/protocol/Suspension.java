package io.coro4j.protocol;

/**
 * The leaf primitive, where a task really suspends. Every waiting operation of the runtime
 * ({@code await}, {@code gather}, {@code Queue.get}, ...) is an ordinary {@code @Async} method that
 * arranges its wake-up and then calls {@link #suspend()}, except the two on the hottest paths,
 * {@code Coro.sleep} and {@code Task.join}, which are written by hand as leaves of their own
 * ({@link Leaf}) to save a frame.
 *
 * <p>This class is written by hand to the protocol of {@link Continuation}, and the agent leaves it
 * as it is.
 */
public final class Suspension {
    /** The self key of {@link #suspend()}, as rewritten callers name it in their chain check. */
    public static final String SUSPEND_KEY = "suspend()Ljava/lang/Object;";

    private static final LeafPoint SUSPEND = new LeafPoint(SUSPEND_KEY, false);

    private Suspension() {}

    /**
     * Suspends the running task. The first call starts the unwinding and returns a dummy; when the task
     * is resumed, the rewritten callers re-invoke it and it returns the value that the runtime delivered,
     * or throws the exception it delivered (a {@code CancellationException} for a cancel).
     *
     * <p>Whoever calls it must have arranged, before the call, for the task to be resumed.
     */
    @Leaf // a coroutine method to its callers, by this annotation alone: the protocol names no public API
    public static Object suspend() {
        Continuation c = Carrier.get().running;
        if (c == null) {
            throw Continuation.notInCoroutine(Suspension.class.getName() + ".suspend()");
        }
        if (c.mode == Continuation.RESTORING) {
            return c.finishRestore();
        }
        c.beginCapture(SUSPEND);
        return null;
    }
}
