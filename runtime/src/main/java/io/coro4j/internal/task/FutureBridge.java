package io.coro4j.internal.task;

import io.coro4j.internal.loop.EventLoop;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Tasks as {@link CompletableFuture}s (asyncio's {@code futures._chain_future}): the future completes on
 * the loop thread, as a soon-callback after the task is done, with the task's result, its exception as it
 * was thrown, or a {@code CancellationException} carrying the cancel message; cancelling the future, from
 * any thread, cancels the task.
 */
public final class FutureBridge {
    private FutureBridge() {}

    /** A future of {@code task}'s outcome. Loop thread. */
    public static <T> CompletableFuture<T> of(TaskImpl<T> task) {
        CompletableFuture<T> future = new CompletableFuture<>();
        chain(task, future);
        return future;
    }

    /**
     * From any thread: posts to {@code loop} the start of a task ({@code start} makes it), and returns a
     * future of its outcome (asyncio's {@code run_coroutine_threadsafe}). A future cancelled before the
     * task starts keeps it from starting.
     *
     * @throws IllegalStateException when the loop is closed
     */
    public static <T> CompletableFuture<T> submit(EventLoop loop, Supplier<TaskImpl<T>> start) {
        CompletableFuture<T> future = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            if (!future.isDone()) {
                chain(start.get(), future);
            }
        });
        return future;
    }

    private static <T> void chain(TaskImpl<T> task, CompletableFuture<T> future) {
        EventLoop loop = task.loop();
        // a done listener only schedules: the future's dependents must not run inside the task's completion
        task.addListener(done -> loop.callSoon(() -> settle(task, future)));
        future.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                loop.offerThreadsafe(() -> task.cancel()); // a no-op once the task is done
            }
        });
    }

    private static <T> void settle(TaskImpl<T> task, CompletableFuture<T> future) {
        if (task.isCancelled()) {
            future.completeExceptionally(task.cancellationError());
        } else if (task.failure() != null) {
            future.completeExceptionally(task.failure());
        } else {
            future.complete(task.result());
        }
    }
}
