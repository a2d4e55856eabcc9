package io.coro4j.internal.task;

import io.coro4j.internal.loop.Timer;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The deadline of a {@code Coro.waitFor} (asyncio's {@code wait_for} over {@code timeouts.timeout}): when
 * it passes it cancels the awaited task, and the waiting task goes on waiting until that task ends. Then
 * a task that ended cancelled means {@link TimeoutException}; one that swallowed the cancellation gives
 * its value. A cancel of the waiting task itself is passed on to the awaited task (as for a join) and is
 * not turned into a timeout.
 */
public final class WaitForTimer extends Timer {
    private final TaskImpl<?> waiter;
    private final TaskImpl<?> target;
    private final Duration timeout;
    private final int cancelsBefore;
    private boolean expired;

    private WaitForTimer(TaskImpl<?> waiter, TaskImpl<?> target, Duration timeout) {
        this.waiter = waiter;
        this.target = target;
        this.timeout = timeout;
        this.cancelsBefore = waiter.cancelling();
    }

    /**
     * The running task {@code waiter} starts waiting for the pending task {@code target} for at most
     * {@code timeout}; it must suspend next. A timeout of zero or less expires at once.
     */
    public static WaitForTimer begin(TaskImpl<?> waiter, TaskImpl<?> target, Duration timeout, long nanos) {
        WaitForTimer timer = new WaitForTimer(waiter, target, timeout);
        waiter.waitForTask(target);
        if (nanos <= 0) {
            timer.fire();
        } else {
            waiter.loop().schedule(timer, waiter.loop().deadlineAfter(nanos));
        }
        return timer;
    }

    @Override
    protected void fire() {
        expired = true;
        target.cancel();
    }

    /** The wait is over (the target is done, or the waiter is leaving): the timer must not fire. */
    public void end() {
        waiter.loop().cancel(this);
    }

    /** After the wait: the target's outcome, or {@link TimeoutException} when the deadline cancelled it. */
    @SuppressWarnings("unchecked")
    public <T> T outcome() throws TimeoutException {
        if (expired && target.isCancelled() && waiter.cancelling() == cancelsBefore) {
            TimeoutException e = new TimeoutException(target.name() + " did not finish within " + timeout);
            e.initCause(target.cancellationError());
            throw e;
        }
        return (T) target.outcome();
    }

    @Override
    public String toString() {
        return "waitFor deadline of " + waiter.name() + " on " + target.name();
    }
}
