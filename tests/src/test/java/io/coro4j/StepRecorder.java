package io.coro4j;

import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tests as timelines (kotlinx.coroutines' {@code TestBase}): {@link #expect(int)} fails unless this is
 * step {@code n} of the whole test, across all its tasks and callbacks; {@link #finish(int)} is the last
 * step; {@link #expectUnreached()} marks code that must not run. A failure inside a task nobody joins
 * would be lost with the task, so the first one is also kept and fails the test when it ends, as does
 * a test that called {@code expect} but never {@code finish}.
 */
public abstract class StepRecorder {
    private final AtomicInteger step = new AtomicInteger();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile boolean finished;

    /** This must be step {@code n}. */
    protected void expect(int n) {
        int actual = step.incrementAndGet();
        if (actual != n) {
            error("expected step " + n + " but this is step " + actual);
        }
    }

    /** The last step, {@code n}. */
    protected void finish(int n) {
        expect(n);
        if (finished) {
            error("finish(" + n + ") called twice");
        }
        finished = true;
    }

    /** Code that must not run. */
    protected void expectUnreached() {
        error("should not be reached (after step " + step.get() + ")");
    }

    private void error(String message) {
        AssertionError e = new AssertionError(message);
        firstError.compareAndSet(null, e);
        throw e;
    }

    @AfterEach
    void checkSteps() {
        Throwable e = firstError.get();
        if (e != null) {
            throw new AssertionError("a step failed: " + e.getMessage(), e);
        }
        if (step.get() > 0 && !finished) {
            throw new AssertionError("expect() was called " + step.get() + " times but finish() never was");
        }
    }

    protected static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    protected static final Duration ZERO = Duration.ZERO;
    /** Longer than any test: a sleep that only a cancel ends. */
    protected static final Duration FOREVER = Duration.ofSeconds(60);
}
