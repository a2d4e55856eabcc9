package io.coro4j.internal.task;

import io.coro4j.internal.loop.Timer;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * What a task waits on in {@code Coro.waitFor} (asyncio's {@code wait_for} over {@code timeouts.timeout}):
 * the end of another task, and a deadline. When the deadline passes it cancels that task, and the waiter
 * goes on waiting until the task ends. Then a task that ended cancelled means {@link TimeoutException};
 * one that swallowed the cancellation gives its value. A cancel of the waiting task itself is passed on to
 * the awaited task (as for a join) and is not turned into a timeout.
 */
public final class WaitFor<T> extends Completion<T> implements DoneListener {
    private final TaskImpl<T> target;
    private final Duration timeout;
    private final int cancelsBefore;
    private Timer deadline;
    private boolean expired;

    private WaitFor(TaskImpl<?> waiter, TaskImpl<T> target, Duration timeout) {
        super(waiter, "Coro.waitFor");
        if (waiter == target) {
            throw new IllegalStateException(waiter.name() + " cannot wait for itself");
        }
        this.target = target;
        this.timeout = timeout;
        this.cancelsBefore = waiter.cancelling();
    }

    /**
     * The running task {@code waiter} starts waiting for the pending task {@code target} for at most
     * {@code timeout} ({@code nanos} of it); it must await next. A timeout of zero or less expires at once.
     */
    public static <T> WaitFor<T> begin(TaskImpl<?> waiter, TaskImpl<T> target, Duration timeout, long nanos) {
        WaitFor<T> wait = new WaitFor<>(waiter, target, timeout);
        wait.arm();
        target.addListener(wait);
        if (nanos <= 0) {
            wait.expire();
        } else {
            wait.deadline = waiter.loop().callLater(nanos, wait::expire);
        }
        return wait;
    }

    private void expire() {
        expired = true;
        target.cancel();
    }

    /** The target ended: the one completion this can get (a cancel passed on keeps it waiting for this). */
    @Override
    public void taskDone(TaskImpl<?> done) {
        complete(null);
    }

    /** A cancel of the waiter goes to the target, as for a join; the waiter waits until it ends. */
    @Override
    protected boolean onCancel(String message) {
        return target.cancel(message);
    }

    @Override
    protected void onDone() {
        if (deadline != null) {
            task.loop().cancel(deadline);
        }
        target.removeListener(this);
    }

    /** The target's outcome, or {@link TimeoutException} when the deadline cancelled it. */
    @Override
    protected T outcome() {
        super.outcome();
        if (expired && target.isCancelled() && task.cancelling() == cancelsBefore) {
            TimeoutException e = new TimeoutException(target.name() + " did not finish within " + timeout);
            e.initCause(target.cancellationError());
            throw Outcomes.<RuntimeException>sneaky(e);
        }
        return target.outcome();
    }

    @Override
    public String describe() {
        return "task '" + target.name() + "'";
    }

    @Override
    public String toString() {
        return "waitFor of " + target.name() + " by " + task.name();
    }
}
