package io.coro4j.internal.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * A clock for tests: time moves only when told to, and a timed wait jumps straight to its end, so a
 * loop waiting for its next timer reaches it at once (virtual time, like asyncio's test loop). An
 * untimed wait really parks, so posts from other threads still wake the loop. Test code only: the
 * runtime takes any {@link Clock} ({@code Runner.run(main, clock, debug)}).
 */
public final class ManualClock implements Clock {
    private volatile long now;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void park(Object blocker, long nanos) {
        if (nanos < 0) {
            LockSupport.park(blocker);
        } else {
            advance(nanos);
        }
    }

    /** Moves the time forward. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time cannot go back: " + nanos);
        }
        now = LoopCore.saturatedAdd(now, nanos);
    }
}
