package coro4jtest.refusals;

import static coro4jtest.shapes.Pauses.pause;

import io.coro4j.Async;

/**
 * Monitors and suspensions: a {@code synchronized} coroutine method and a {@code synchronized} block
 * around a suspending call are refused; a block that ends before the call is allowed.
 */
public class Monitors {
    private static final Object LOCK = new Object();
    private static int counter;

    @Async
    public static synchronized int synchronizedMethod() {
        return pause(1);
    }

    @Async
    public static int blockAroundTheSuspension() {
        synchronized (LOCK) {
            counter++;
            return pause(2);
        }
    }

    @Async
    public static int blockBeforeTheSuspension() {
        int seen;
        synchronized (LOCK) {
            seen = ++counter;
        }
        return seen + pause(3);
    }
}
