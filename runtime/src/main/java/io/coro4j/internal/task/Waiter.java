package io.coro4j.internal.task;

/**
 * One task's wait on a synchronization primitive: the bare future that asyncio's locks and queues create,
 * put in their deque of waiters, and await ({@code fut = loop.create_future(); waiters.append(fut);
 * await fut}). The primitive keeps its waiters in FIFO order and wakes them with {@link #wake()}
 * ({@code fut.set_result}); a wake-up only schedules the task's next step.
 *
 * <h2>States ({@link #state})</h2>
 *
 * <pre>
 *   begin(): the running task waits, then suspends
 *     |
 *   PENDING --wake()-----------------------------&gt; WOKEN      (the task's step is queued)
 *     |
 *     +-----the task is cancelled while it waits--&gt; CANCELLED  (its step throws CancellationException)
 * </pre>
 *
 * <p>As in asyncio, a WOKEN waiter's task can still be cancelled before its step runs (the future is done,
 * the cancel only marks the task): it then throws {@code CancellationException} although it was woken,
 * and the primitive must pass on what the wake-up gave it ({@code isDone() && !isCancelled()}), as
 * {@code Lock._wake_up_first} and {@code Semaphore.acquire} do. Each transition happens once; the first
 * wins.
 */
public final class Waiter implements Waitable {
    private static final int PENDING = 0;
    private static final int WOKEN = 1;
    private static final int CANCELLED = 2;

    private final TaskImpl<?> task;
    private final String what;
    /** PENDING, WOKEN or CANCELLED; see the class comment. Loop thread only. */
    private int state;

    private Waiter(TaskImpl<?> task, String what) {
        this.task = task;
        this.what = what;
    }

    /**
     * The running task starts waiting; it must suspend next.
     *
     * @param method the coroutine method waiting ({@code io.coro4j.sync.Lock.acquire}), named in the error
     *     when no task runs and in the task's description of what it waits on
     */
    public static Waiter begin(String method) {
        TaskImpl<?> task = TaskImpl.current(method);
        Waiter waiter = new Waiter(task, method);
        task.waitOn(waiter);
        return waiter;
    }

    /** Whether the waiter was woken or cancelled (asyncio's {@code fut.done()}). */
    public boolean isDone() {
        return state != PENDING;
    }

    /** Whether the task was cancelled while it waited (asyncio's {@code fut.cancelled()}). */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Wakes the waiting task (asyncio's {@code fut.set_result}): its next step is queued. Returns false, and
     * does nothing, when the waiter is already done.
     */
    public boolean wake() {
        if (state != PENDING) {
            return false;
        }
        state = WOKEN;
        task.wake(this);
        return true;
    }

    /** The waiting task is cancelled: the waiter lets go of it, and the task throws at once. */
    @Override
    public boolean cancelWaiter(String message) {
        if (state == PENDING) {
            state = CANCELLED;
        }
        return false;
    }

    /** The primitive's method without its package: {@code Lock.acquire}, {@code Queue.get}. */
    @Override
    public String describe() {
        int method = what.lastIndexOf('.');
        int type = method <= 0 ? -1 : what.lastIndexOf('.', method - 1);
        return what.substring(type + 1);
    }

    @Override
    public String toString() {
        return what + " by " + task.name()
                + (state == WOKEN ? " (woken)" : state == CANCELLED ? " (cancelled)" : "");
    }
}
