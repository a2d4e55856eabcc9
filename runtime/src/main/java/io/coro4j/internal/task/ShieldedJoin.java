package io.coro4j.internal.task;

/**
 * What a task waits on in {@code Coro.shield} (asyncio's {@code shield}): the end of another task, but a
 * cancel of the waiter is not passed on; the waiter lets go at once and the task runs on. The wake-up
 * comes one turn after the task ends, as asyncio's outer future is completed by a done callback.
 */
public final class ShieldedJoin extends Completion<Void> implements DoneListener {
    private final TaskImpl<?> inner;

    private ShieldedJoin(TaskImpl<?> waiter, TaskImpl<?> inner) {
        super(waiter, "Coro.shield");
        if (waiter == inner) {
            throw new IllegalStateException(waiter.name() + " cannot wait for itself");
        }
        this.inner = inner;
    }

    /** The running task {@code waiter} waits for the pending task {@code inner}; it must await next. */
    public static ShieldedJoin begin(TaskImpl<?> waiter, TaskImpl<?> inner) {
        ShieldedJoin join = new ShieldedJoin(waiter, inner);
        join.arm();
        inner.addListener(join);
        return join;
    }

    @Override
    public void taskDone(TaskImpl<?> task) {
        task.loop().callSoon(() -> tryComplete(null)); // a cancel of the waiter may have let go first
    }

    /** However the wait ends, the listener goes. */
    @Override
    protected void onDone() {
        inner.removeListener(this);
    }

    @Override
    public String describe() {
        return "Coro.shield of task '" + inner.name() + "'";
    }
}
