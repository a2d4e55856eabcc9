package io.coro4j.internal.loop;

import java.util.concurrent.locks.LockSupport;

/**
 * The loop's time source and its way to wait: injectable ({@code Runner.run(main, clock, debug)}, or a
 * {@link LoopCore} made with one) so that tests run on virtual time (as Netty's {@code Ticker} and
 * asyncio's test loop do). A virtual clock's {@link #park} with a time jumps the clock to its end: a loop
 * whose tasks all wait goes straight to its next timer.
 *
 * <p>Times are nanoseconds since the clock was made, so they start near zero and never wrap in
 * practice: deadlines compare with {@code <} and saturate at {@link Long#MAX_VALUE}.
 */
public interface Clock {
    /** Nanoseconds since this clock was made. */
    long nanoTime();

    /**
     * Waits at most {@code nanos} (forever when negative) or until the loop's thread is unparked. May
     * return early for no reason, as {@link LockSupport#parkNanos} may.
     */
    void park(Object blocker, long nanos);

    /** The real clock: {@link System#nanoTime()} and {@link LockSupport}. */
    static Clock system() {
        return new SystemClock();
    }
}
