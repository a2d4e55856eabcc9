package io.coro4j.junit;

import io.coro4j.Async;
import io.coro4j.internal.testing.TestLoop;
import java.time.Duration;
import java.util.Objects;

/**
 * The virtual clock of a {@code @CoroTest(virtualTime = true)}, taken as a parameter of the test or of
 * its lifecycle methods (kotlinx-coroutines-test's {@code TestCoroutineScheduler}). On virtual time the
 * clock already jumps to the next timer whenever every task waits; these methods let a test stop at a
 * time of its choosing and look:
 *
 * <pre>{@code
 * Task<Void> ticker = Coro.createTask(() -> { while (true) { Coro.sleep(Duration.ofSeconds(1)); ticks++; } });
 * clock.advanceBy(Duration.ofMillis(2500));
 * assertEquals(2, ticks);                       // the ticks at 1 s and 2 s ran; the one at 3 s did not
 * ticker.cancel();
 * }</pre>
 *
 * <p>The three waits suspend the calling task, which must be a task of the test's loop, while the loop runs
 * the others; one task at a time may wait in them. Not thread-safe: use it on the test's thread.
 */
public final class TestClock {
    private final TestLoop loop;

    TestClock(TestLoop loop) {
        this.loop = loop;
    }

    /** The clock's time, in nanoseconds, as {@code EventLoop.time()} gives it (zero when the test started). */
    public long time() {
        return loop.time();
    }

    /**
     * Lets the other tasks run for {@code delay} of virtual time: the loop runs everything due before
     * {@code time() + delay}, the clock moving from timer to timer, then the calling task resumes with the
     * clock exactly at that time, before what is due then (kotlinx's {@code advanceTimeBy}; follow it with
     * {@link #runCurrent()} to run that too). {@code advanceBy(Duration.ZERO)} is {@link #runCurrent()}.
     *
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    @Async
    public void advanceBy(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the clock cannot go back: advanceBy(" + delay + ")");
        }
        loop.advanceBy(toNanos(delay));
    }

    /**
     * Lets the other tasks run, the clock jumping from timer to timer, until nothing is left to run but
     * tasks that wait on something other than a timer (kotlinx's {@code advanceUntilIdle}). Tasks whose
     * timers keep coming back (a ticker) keep the clock running until a time limit of the test passes,
     * {@code virtualTimeout} or else the real {@code timeout}, which fails the test: cancel them first.
     */
    @Async
    public void advanceUntilIdle() {
        loop.advanceUntilIdle();
    }

    /**
     * Lets the other tasks run everything that is due now, and what that makes due now in turn, without
     * moving the clock (kotlinx's {@code runCurrent}).
     */
    @Async
    public void runCurrent() {
        loop.runCurrent();
    }

    /**
     * Moves the clock on by {@code duration} at once, as if the calling code had held the loop's thread that
     * long (a blocking call): nothing else runs meanwhile, and the loop's debug mode sees a step that took
     * that long. For testing what a slow step does, without one.
     *
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    public void blockFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock cannot go back: blockFor(" + duration + ")");
        }
        loop.blockFor(toNanos(duration));
    }

    private static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "TestClock[" + Duration.ofNanos(loop.time()) + "]";
    }
}
