package io.coro4j.internal.task;

import io.coro4j.protocol.Continuation;

/**
 * The one {@link Completion} a task reuses for all its waits in a queue of waiters ({@code sync.Queue}'s
 * getters and putters), where every other wait allocates one: a wait that suspends costs no allocation.
 *
 * <p>Reuse is safe, and a wake-up meant for an earlier wait never reaches a later one, because a wait
 * only ends with the waiter out of every queue of waiters: the source that completes it takes it out
 * first (a get's or a put's {@code popAndWakeNext}, a shutdown), and a wait that ended otherwise (the
 * task cancelled) is taken out by the waiting method, in the task's next step, before the task can wait
 * again. Then nothing holds the waiter but its task, and {@link #begin} may arm it anew.
 *
 * <p>A waiting method written as a {@code Leaf} saves no frame, so what it needs after the wait goes in
 * the waiter: {@link #hold} and {@link #takeHeld} (a putter's item).
 */
public final class Waiter extends Completion<Void> {
    /** What the waiting method needs back when it resumes, or null. */
    private Object held;

    Waiter(TaskImpl<?> task) {
        super(task, null);
    }

    /**
     * The waiter of {@code running}, the running task, armed for a new wait: the task must suspend next.
     *
     * @param method the coroutine method waiting ({@code io.coro4j.sync.Queue.get}), named in the error when
     *     no task runs and, without its package, in the task dump
     */
    public static Waiter begin(Continuation running, String method) {
        Waiter w = TaskImpl.of(running, method).waiter();
        w.rearm(method);
        return w;
    }

    /** The waiter of {@code running}, the running task, as its wait ended (the method resumes). */
    public static Waiter resumed(Continuation running, String method) {
        return TaskImpl.of(running, method).waiter();
    }

    /** Keeps {@code value} across the wait. */
    public void hold(Object value) {
        held = value;
    }

    /** What {@link #hold} kept, no longer held. */
    public Object takeHeld() {
        Object value = held;
        held = null;
        return value;
    }
}
