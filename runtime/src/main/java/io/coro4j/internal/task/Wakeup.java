package io.coro4j.internal.task;

/**
 * A one-shot wake-up that one task waits on: asyncio's bare {@code loop.create_future()} awaited by a
 * helper (the waiter of {@code wait}, a task group's {@code _on_completed_fut}, the getter of
 * {@code as_completed}'s queue). Whoever arranged it calls {@link #fire()}; a cancel of the waiting task
 * makes it let go, so the task is woken at once with the {@code CancellationException} (as a cancelled
 * future wakes its task). A fire after the task stopped waiting is stale and ignored.
 */
public final class Wakeup implements Waitable {
    private final TaskImpl<?> task;
    private final String what;

    private Wakeup(TaskImpl<?> task, String what) {
        this.task = task;
        this.what = what;
    }

    /** The running task {@code task} waits on a new wake-up; it must suspend next. */
    public static Wakeup arm(TaskImpl<?> task, String what) {
        Wakeup w = new Wakeup(task, what);
        task.waitOn(w);
        return w;
    }

    /** Queues the waiting task's next step, if it still waits on this. */
    public void fire() {
        task.wake(this);
    }

    @Override
    public boolean cancelWaiter(String message) {
        return false;
    }

    @Override
    public String toString() {
        return what + " of " + task.name();
    }
}
