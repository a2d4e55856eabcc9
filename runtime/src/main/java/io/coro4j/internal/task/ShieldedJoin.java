package io.coro4j.internal.task;

/**
 * What a task waits on in {@code Coro.shield} (asyncio's {@code shield}): the end of another task, but a
 * cancel of the waiter is not passed on; the waiter lets go at once and the task runs on. The wake-up
 * comes one turn after the task ends, as asyncio's outer future is completed by a done callback.
 */
public final class ShieldedJoin implements DoneListener {
    private final TaskImpl<?> inner;
    private final Wakeup wakeup;

    private ShieldedJoin(TaskImpl<?> waiter, TaskImpl<?> inner) {
        if (waiter == inner) {
            throw new IllegalStateException(waiter.name() + " cannot wait for itself");
        }
        this.inner = inner;
        this.wakeup = Wakeup.arm(waiter, "Coro.shield");
    }

    /** The running task {@code waiter} waits for the pending task {@code inner}; it must suspend next. */
    public static ShieldedJoin begin(TaskImpl<?> waiter, TaskImpl<?> inner) {
        ShieldedJoin join = new ShieldedJoin(waiter, inner);
        inner.addListener(join);
        return join;
    }

    @Override
    public void taskDone(TaskImpl<?> task) {
        task.loop().callSoon(wakeup::fire);
    }

    /** The wait is over, however it ended: the listener is removed. */
    public void end() {
        inner.removeListener(this);
    }

    @Override
    public String toString() {
        return wakeup + " on " + inner.name();
    }
}
