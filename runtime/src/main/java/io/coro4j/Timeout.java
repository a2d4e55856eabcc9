package io.coro4j;

import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Timer;
import io.coro4j.internal.task.Outcomes;
import io.coro4j.internal.task.TaskImpl;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * A timeout scope of one task (asyncio's {@code Timeout}, made by {@link Coro#timeout} and
 * {@link Coro#timeoutAt}, which enter it for the calling task at once). When its deadline passes it
 * cancels the task, so the body gets a {@link CancellationException} where it is suspended; leaving the
 * scope withdraws that cancel ({@link Task#uncancel()}), and a cancel that came from outside as well
 * stays visible. Scopes nest: each tells its own cancel from the others by the task's
 * {@link Task#cancelling()} count when it was entered.
 *
 * <h2>Two ways to use it</h2>
 *
 * <pre>{@code
 * // the body form: the cancellation becomes a TimeoutException at the scope's boundary
 * String s = Coro.withTimeout(Duration.ofSeconds(1), () -> fetch());
 *
 * Timeout t = Coro.timeout(Duration.ofSeconds(1));
 * String s = t.call(() -> { ... t.reschedule(Duration.ofSeconds(5)); ... });
 *
 * // try-with-resources: close() leaves the scope, but cannot change the exception of the block
 * try (Timeout t = Coro.timeout(Duration.ofSeconds(1))) {
 *     fetch();
 * }
 * }</pre>
 *
 * <p>Java hands {@code close()} nothing about an exception leaving a try-with-resources block, and an
 * exception thrown by {@code close()} is only added to it as suppressed. So that form cannot turn the
 * cancellation into a {@code TimeoutException} as asyncio's {@code async with} does: the block's
 * {@code CancellationException} leaves it unchanged (after {@code close()} withdrew the cancel, so
 * {@code cancelling()} no longer counts it), and {@link #expired()} tells whether the deadline caused
 * it. The body form ({@link #call}, {@link #run}, {@link Coro#withTimeout}) makes the conversion and is
 * the one to use when the timeout must be reported as such.
 *
 * <h2>States ({@link #state})</h2>
 *
 * <pre>
 *   entered --deadline passes: task.cancel()--&gt; expiring --left--&gt; expired
 *      |                                                    (uncancel; TimeoutException if the
 *      |                                                     cancellation leaves the body form and
 *      |                                                     no other cancel is pending)
 *      +--left before the deadline--&gt; exited
 * </pre>
 *
 * <p>Only {@code entered} can be rescheduled. Used on the loop's thread by the task that entered it.
 */
public final class Timeout implements AutoCloseable {
    private static final int ENTERED = 0;
    private static final int EXPIRING = 1;
    private static final int EXPIRED = 2;
    private static final int EXITED = 3;
    private static final String[] STATE_NAMES = {"entered", "expiring", "expired", "exited"};

    private final TaskImpl<?> task;
    private final LoopCore loop;
    /** The task's cancelling() count when the scope was entered: more when leaving means an outer cancel. */
    private final int cancellingBefore;
    private int state = ENTERED;
    /** The deadline in loop time, valid when {@link #hasDeadline}. */
    private long when;
    private boolean hasDeadline;
    /** The armed deadline, or null (none set, or it fired). */
    private Deadline handler;

    private Timeout(TaskImpl<?> task) {
        this.task = task;
        this.loop = task.loop();
        this.cancellingBefore = task.cancelling();
    }

    /** Enters a new scope for the running task {@code task}; {@code when} null: no deadline. */
    static Timeout enter(TaskImpl<?> task, Long when) {
        Timeout t = new Timeout(task);
        if (when != null) {
            t.schedule(when);
        }
        return t;
    }

    /** The deadline in the loop's time (nanoseconds of its clock), or empty when none is set. */
    public OptionalLong when() {
        return hasDeadline ? OptionalLong.of(when) : OptionalLong.empty();
    }

    /**
     * Moves the deadline to {@code delay} from now (asyncio's {@code reschedule(loop.time() + delay)});
     * {@code null} removes it; zero or negative: expired, the task is cancelled at the next turn.
     *
     * @throws IllegalStateException when the scope is expiring, expired or left
     */
    public void reschedule(Duration delay) {
        checkEntered();
        cancelHandler();
        if (delay == null) {
            hasDeadline = false;
        } else {
            schedule(loop.deadlineAfter(LoopCore.toNanos(delay)));
        }
    }

    /**
     * Moves the deadline to {@code when}, in the loop's time (asyncio's {@code reschedule(when)}); a time
     * already past: expired, the task is cancelled at the next turn.
     *
     * @throws IllegalStateException when the scope is expiring, expired or left
     */
    public void rescheduleAt(long when) {
        checkEntered();
        cancelHandler();
        schedule(when);
    }

    /** Whether the deadline passed and the scope cancelled its task (asyncio's {@code expired()}). */
    public boolean expired() {
        return state == EXPIRING || state == EXPIRED;
    }

    /**
     * Runs {@code body} in this scope, then leaves it, and returns the body's result: asyncio's
     * {@code async with} with the conversion at its boundary. A {@code CancellationException} that this
     * scope's deadline caused becomes a {@link TimeoutException} caused by it, unless another cancel of
     * the task is pending too; other failures pass by the rule of {@link Task}.
     *
     * @throws IllegalStateException when called by another task than the one that entered the scope, or
     *     after the scope was left
     */
    @Async
    public <T> T call(AsyncCallable<T> body) throws TimeoutException {
        Objects.requireNonNull(body, "body");
        checkUsable("call");
        T value;
        try {
            value = body.call();
        } catch (Throwable e) {
            if (leave(e)) {
                throw timeoutError(e);
            }
            throw Outcomes.propagate(e);
        }
        leave(null);
        return value;
    }

    /** {@link #call(AsyncCallable)} for a body without a result. */
    @Async
    public void run(AsyncRunnable body) throws TimeoutException {
        Objects.requireNonNull(body, "body");
        checkUsable("run");
        try {
            body.run();
        } catch (Throwable e) {
            if (leave(e)) {
                throw timeoutError(e);
            }
            throw Outcomes.propagate(e);
        }
        leave(null);
    }

    /**
     * Leaves the scope, for try-with-resources: the deadline is disarmed and, if it had expired, its
     * cancel withdrawn. The exception of the block, if any, goes on unchanged (see the class comment).
     * Leaving twice does nothing.
     */
    @Override
    public void close() {
        if (state == ENTERED || state == EXPIRING) {
            leave(null);
        }
    }

    @Override
    public String toString() {
        return "<Timeout [" + STATE_NAMES[state] + "] when=" + (hasDeadline ? when : "None") + " of "
                + task.getName() + ">";
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * asyncio's {@code __aexit__}: disarms the deadline; after an expiry withdraws its cancel. Returns
     * whether {@code failure} is this scope's own cancellation, to be reported as a timeout.
     */
    private boolean leave(Throwable failure) {
        cancelHandler();
        if (state == EXPIRING) {
            state = EXPIRED;
            return task.uncancel() <= cancellingBefore && failure instanceof CancellationException;
        }
        if (state == ENTERED) {
            state = EXITED;
        }
        return false;
    }

    private TimeoutException timeoutError(Throwable cancellation) {
        TimeoutException e = new TimeoutException("the deadline of " + task.getName() + "'s timeout passed");
        e.initCause(cancellation);
        return e;
    }

    private void schedule(long deadline) {
        when = deadline;
        hasDeadline = true;
        handler = new Deadline(this);
        if (deadline <= loop.time()) {
            loop.callSoon(handler);
        } else {
            loop.schedule(handler, deadline);
        }
    }

    private void cancelHandler() {
        if (handler != null) {
            loop.cancel(handler);
            handler = null;
        }
    }

    /** asyncio's {@code _on_timeout}. */
    private void onTimeout() {
        handler = null;
        task.cancel();
        state = EXPIRING;
    }

    private void checkEntered() {
        if (state != ENTERED) {
            throw new IllegalStateException("cannot change the deadline of an " + STATE_NAMES[state] + " timeout");
        }
    }

    private void checkUsable(String method) {
        if (Coro.currentTask() != task) {
            throw new IllegalStateException("Timeout." + method + "() called by " + Coro.currentTask()
                    + ", but the timeout belongs to " + task.getName());
        }
        if (state == EXPIRED || state == EXITED) {
            throw new IllegalStateException("Timeout." + method + "() on a timeout already left");
        }
    }

    /** The armed deadline: fires the scope's expiry unless cancelled (a past deadline runs soon). */
    private static final class Deadline extends Timer {
        private final Timeout scope;

        Deadline(Timeout scope) {
            this.scope = scope;
        }

        @Override
        protected void fire() {
            scope.onTimeout();
        }

        @Override
        public String toString() {
            return "deadline of " + scope;
        }
    }
}
