package io.coro4j.internal.task;

import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Refusable;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Tasks as {@link CompletableFuture}s (asyncio's {@code futures._chain_future}): the future completes on
 * the loop thread, as a soon-callback after the task is done, with the task's result, its exception as it
 * was thrown, or a {@code CancellationException} carrying the cancel message; cancelling the future, from
 * any thread, cancels the task.
 *
 * <p>Every future made here completes, even when the loop closes first: a start still queued then fails
 * its future with "the event loop was closed before the task could start", a task still pending fails it
 * with "the event loop was closed before Task-N finished", and a task that ended but whose future was not
 * settled yet settles it at the close.
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
    public static <T> CompletableFuture<T> submit(LoopCore loop, Supplier<TaskImpl<T>> start) {
        CompletableFuture<T> future = new CompletableFuture<>();
        loop.callSoonThreadsafe(Refusable.of(() -> {
            if (!future.isDone()) {
                chain(start.get(), future);
            }
        }, () -> future.completeExceptionally(
                new IllegalStateException("the event loop was closed before the task could start"))));
        return future;
    }

    private static <T> void chain(TaskImpl<T> task, CompletableFuture<T> future) {
        LoopCore loop = task.loop();
        Runnable closed = () -> future.completeExceptionally(new IllegalStateException(
                "the event loop was closed before " + task.name() + " finished"));
        loop.onClose(closed);
        Runnable settle = () -> {
            loop.removeOnClose(closed);
            settle(task, future);
        };
        // a done listener only schedules: the future's dependents must not run inside the task's completion;
        // at a close before that turn, the future is settled all the same
        task.addListener(done -> loop.callSoon(Refusable.of(settle, settle)));
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
