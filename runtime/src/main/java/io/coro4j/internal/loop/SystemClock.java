package io.coro4j.internal.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * The real clock. A class of its own so that the loop's selector knows it waits in real time: with any
 * other clock a timed wait is virtual, and the selector only polls before the clock jumps (see
 * {@link IoPoller}).
 */
final class SystemClock implements Clock {
    private final long origin = System.nanoTime();

    @Override
    public long nanoTime() {
        return System.nanoTime() - origin;
    }

    @Override
    public void park(Object blocker, long nanos) {
        if (nanos < 0) {
            LockSupport.park(blocker);
        } else {
            LockSupport.parkNanos(blocker, nanos);
        }
    }
}
