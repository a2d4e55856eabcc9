package io.coro4j;

import io.coro4j.internal.task.Completion;
import io.coro4j.internal.task.CompletionQueue;
import io.coro4j.internal.task.TaskImpl;

import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;

/**
 * The tasks given to {@link Coro#asCompleted}, handed out in the order they finish (asyncio's
 * {@code as_completed}, iterated with {@code async for} as Python 3.13 allows, which yields the
 * original tasks). {@link #next()} suspends until the next task finishes and returns that task, done,
 * so its {@code join()} or {@code result()} returns at once:
 *
 * <pre>{@code
 * AsCompleted<Task<String>> it = Coro.asCompleted(tasks, Duration.ofSeconds(5));
 * while (it.hasNext()) {
 *     Task<String> first = it.next();   // @Async; TimeoutException once the 5 s have passed
 *     use(first.join());
 * }
 * }</pre>
 *
 * <p>It is not a {@link java.util.Iterator}: a call through {@code Iterator.next()} could not suspend.
 * Used from the loop's thread, by one task at a time. A {@code next()} whose task is cancelled while it
 * waits throws the {@code CancellationException} and hands out nothing: the iteration can go on (asyncio
 * loses that element). The tasks are never cancelled by it, not even at the deadline.
 *
 * @param <T> the type of the tasks
 */
public final class AsCompleted<T extends Task<?>> {
    private final CompletionQueue<T> queue;

    AsCompleted(CompletionQueue<T> queue) {
        this.queue = queue;
    }

    /** Whether {@link #next()} has a task (or, after the deadline, a {@code TimeoutException}) to give. */
    public boolean hasNext() {
        return queue.hasNext();
    }

    /**
     * The next task to finish, waiting for it if none has finished since the last call; returns at once,
     * without suspending, when one has.
     *
     * @throws TimeoutException when the deadline given to {@link Coro#asCompleted} has passed: once for
     *     each task not yet handed out, after which {@link #hasNext()} is false
     * @throws NoSuchElementException when every task was handed out
     */
    @Async
    public T next() throws TimeoutException {
        Completion<Void> next = queue.waitForNext(TaskImpl.current("io.coro4j.AsCompleted.next"));
        if (next != null) {
            next.await(); // woken when a task is done or the deadline passed
        }
        return queue.take();
    }

    @Override
    public String toString() {
        return queue.toString();
    }
}
