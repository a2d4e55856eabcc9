package io.coro4j.internal.task;

/** Something a task can wait on ({@code TaskImpl.waitingOn}), told when the waiting task is cancelled. */
interface Waitable {
    /**
     * The waiting task is being cancelled. Returns true when the cancellation was passed on and the task
     * goes on waiting until this thing ends (a task it joins, the children of a gather); false when this
     * thing let go of the task (its timer is cancelled, its stage cancelled), which is then woken with a
     * {@code CancellationException} at once.
     */
    boolean cancelWaiter(String message);

    /**
     * What the waiting task waits on, in a few words for a task dump ({@code sleep, 2.500 s left},
     * {@code task 'fetcher'}): the waiting task is named beside it already.
     */
    default String describe() {
        return toString();
    }

    /**
     * The task's state in a task dump while it waits on this: {@code waiting on } and {@link #describe()}
     * ({@code waiting on Lock.acquire}); a wait that reads better otherwise says so ({@code waiting to read
     * from 127.0.0.1:53412}).
     */
    default String waitingState() {
        return "waiting on " + describe();
    }
}
