package io.coro4j.internal.task;

import io.coro4j.Async;
import io.coro4j.protocol.Continuation;
import io.coro4j.protocol.Leaf;
import io.coro4j.protocol.LeafPoint;

/**
 * A one-shot completion that one task waits on: asyncio's bare future awaited by one task
 * ({@code fut = loop.create_future(); ...; await fut}), kotlinx's {@code CancellableContinuation}. Every
 * wait of the runtime but a sleep and a join is one: a lock's or a queue's waiter, a gather, an await of
 * a {@code CompletionStage}, the helpers of {@code wait}, {@code as_completed}, {@code shield},
 * {@code wait_for} and a task group's exit; the network code suspends on I/O readiness with it too.
 *
 * <p>Whoever arranged it completes it, with a value or a failure, on the loop thread; that only queues
 * the waiting task's next step, which returns the outcome from {@link #await()}. A cancel of the waiting
 * task lets the completion go (the task is woken at once with the {@code CancellationException}), unless
 * {@link #onCancel} passes the cancel on and keeps the task waiting (a gather cancels its children and
 * waits for them, a {@code waitFor} its task).
 *
 * <h2>States ({@link #state})</h2>
 *
 * <pre>
 *   new: arm() (the running task waits on it, then suspends in await())
 *     |
 *   PENDING --complete(value) / fail(failure)--------------------&gt; DONE       the task's step is queued
 *     |
 *     +-----the task is cancelled, and onCancel lets go-----------&gt; CANCELLED  its step throws the cancel
 * </pre>
 *
 * <p>The first transition wins, and {@link #onDone()} runs once, on it. {@code tryComplete} and
 * {@code tryFail} return false on a completion that is not pending: for sources that may come second
 * without a bug (a deadline and the event it waits for, a wake-up after a cancel). {@code complete} and
 * {@code fail} throw {@link IllegalStateException} there: for sources that only one transition can come
 * from, where a second would be a bug. As in asyncio, a DONE completion's task can still be cancelled
 * before its step runs: it then throws the cancel though it was woken, and a source that handed it
 * something (a lock, an item) must take it back ({@code isDone() && !isCancelled()}).
 *
 * <p>One completion per wait, but for a {@link Waiter}: its task re-arms it for each of its waits
 * ({@link #rearm}).
 *
 * <p>Loop thread only; the completion of a {@code CompletionStage} from another thread is posted to the
 * loop first ({@link StageWaiter}).
 *
 * @param <T> the type of the outcome
 */
public class Completion<T> implements Waitable {
    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int CANCELLED = 2;

    private static final LeafPoint AWAIT = new LeafPoint("await()Ljava/lang/Object;");

    /** The task that waits. */
    final TaskImpl<?> task;
    /**
     * What the task waits for, in the words of {@link #describe()}: {@code Lock.acquire}, {@code Coro.wait}
     * (set again by each wait of a {@link Waiter}).
     */
    private String what;
    /** PENDING, DONE or CANCELLED; see the class comment. */
    private int state;
    private boolean failed;
    /** DONE: the value, or the failure when {@link #failed}. */
    private Object outcome;

    /** A completion that {@code task} will wait on once {@link #arm()}ed; {@code what} describes it. */
    protected Completion(TaskImpl<?> task, String what) {
        this.task = task;
        this.what = what;
    }

    /**
     * A new completion that the running task waits on; it must call {@link #await()} next.
     *
     * @param method the coroutine method waiting ({@code io.coro4j.sync.Lock.acquire}), named in the error
     *     when no task runs and, without its package, in the task dump ({@code Lock.acquire})
     */
    public static <T> Completion<T> begin(String method) {
        return begin(TaskImpl.current(method), method);
    }

    /** A new completion that the running task {@code task} waits on, described by {@code what}. */
    public static <T> Completion<T> begin(TaskImpl<?> task, String what) {
        Completion<T> c = new Completion<>(task, what);
        c.arm();
        return c;
    }

    /** The task waits on this from now on: its step must end in {@link #await()}. */
    protected final void arm() {
        task.waitOn(this);
    }

    /**
     * Pending again and armed, for a new wait described by {@code what}: for a {@link Waiter}, which its
     * task reuses, and only once no source can complete it for an earlier wait any more.
     */
    final void rearm(String what) {
        this.what = what;
        state = PENDING;
        failed = false;
        outcome = null;
        arm();
    }

    /** Completes it with {@code value}, and queues the task's step; false when it is not pending. */
    public final boolean tryComplete(T value) {
        return settle(false, value);
    }

    /** Fails it with {@code failure}, and queues the task's step; false when it is not pending. */
    public final boolean tryFail(Throwable failure) {
        return settle(true, failure);
    }

    /**
     * Completes it with {@code value}, where only one completion can come.
     *
     * @throws IllegalStateException when it is not pending: a second completion is a bug
     */
    public final void complete(T value) {
        if (!settle(false, value)) {
            throw notPending("complete(" + value + ")");
        }
    }

    /**
     * Fails it with {@code failure}, where only one completion can come.
     *
     * @throws IllegalStateException when it is not pending: a second completion is a bug
     */
    public final void fail(Throwable failure) {
        if (!settle(true, failure)) {
            throw notPending("fail(" + failure + ")");
        }
    }

    private boolean settle(boolean failed, Object outcome) {
        if (state != PENDING) {
            return false;
        }
        state = DONE;
        this.failed = failed;
        this.outcome = outcome;
        onDone();
        task.wake(this);
        return true;
    }

    private IllegalStateException notPending(String call) {
        return new IllegalStateException(call + " on " + this + ", which is "
                + (state == DONE ? "complete already" : "cancelled") + ": only one completion may come");
    }

    /** Whether it is not pending any more (asyncio's {@code fut.done()}): done or cancelled. */
    public final boolean isDone() {
        return state != PENDING;
    }

    /** Whether the waiting task's cancel let it go (asyncio's {@code fut.cancelled()}). */
    public final boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Waits until it is done and returns its outcome ({@link #outcome()}); returns at once, without
     * suspending, when it is done already. The running task must be the one that waits on it. A cancel
     * of the task while it waits is thrown here.
     */
    @Async
    @Leaf // every wait but a sleep or a join: written to the protocol by hand, so that it saves no frame
    public final T await() {
        Continuation c = Continuation.enter("io.coro4j.internal.task.Completion.await");
        if (c.mode == Continuation.RESTORING) {
            c.finishRestore(); // woken when done; a cancel of the task is thrown here
            return outcome(); // the receiver is the saved one: the caller re-invokes await on it
        }
        if (state == PENDING) {
            if (c != task || !task.isWaitingOn(this)) {
                throw new IllegalStateException(this + " is awaited by " + c + ", which does not wait on it:"
                        + " only the task that armed a completion may await it");
            }
            c.beginCapture(AWAIT);
            return null;
        }
        return outcome();
    }

    /**
     * The outcome of a completion that is done: the value, or the failure thrown by the rules of
     * {@code Task}; a subclass may work it out when it is asked for instead (at the task's resume).
     *
     * @throws IllegalStateException while it is pending or after a cancel let it go
     */
    @SuppressWarnings("unchecked")
    protected T outcome() {
        if (state != DONE) {
            throw new IllegalStateException("the outcome of " + this + " is not set: it is "
                    + (state == PENDING ? "pending" : "cancelled"));
        }
        if (failed) {
            throw Outcomes.propagate((Throwable) outcome);
        }
        return (T) outcome;
    }

    /**
     * The waiting task is being cancelled while this is pending: true when the cancel was passed on and the
     * task goes on waiting until this completes (it is then completed, most likely with the cancel); false,
     * the default, to let go, so that the task is woken with the {@code CancellationException} at once.
     */
    protected boolean onCancel(String message) {
        return false;
    }

    /** Runs once, when it leaves PENDING (done, or cancelled and let go): drop what feeds it. */
    protected void onDone() {}

    @Override
    public final boolean cancelWaiter(String message) {
        if (state != PENDING) {
            return false;
        }
        if (onCancel(message)) {
            return true;
        }
        state = CANCELLED;
        onDone();
        return false;
    }

    /** The waiting method without its package ({@code Lock.acquire}, {@code Queue.get}), for a task dump. */
    @Override
    public String describe() {
        int method = what.lastIndexOf('.');
        int type = method <= 0 ? -1 : what.lastIndexOf('.', method - 1);
        return what.substring(type + 1);
    }

    @Override
    public String toString() {
        return describe() + " of " + task.name()
                + (state == DONE ? " (done)" : state == CANCELLED ? " (cancelled)" : "");
    }
}
