package io.coro4j.internal.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blocking calls on other threads ({@code loop.run_in_executor}, {@code asyncio.to_thread}). The default
 * executor is asyncio's: a pool of at most {@code min(32, processors + 4)} threads. One for the process,
 * not one per loop, of daemon threads that end after a minute idle, so that nothing has to shut it down
 * (asyncio shuts its per-loop executor down at the end of {@code asyncio.run}).
 */
public final class BlockingCalls {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger(1);

    private BlockingCalls() {}

    /** Holder idiom: the pool is made at the first blocking call. */
    private static final class DefaultExecutor {
        static final ThreadPoolExecutor POOL = create();

        private static ThreadPoolExecutor create() {
            int size = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "coro4j-to-thread-" + THREAD_NUMBER.getAndIncrement());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }

    /**
     * Runs {@code call} on {@code executor} ({@code null}: the default one) and returns the future of its
     * outcome. A future cancelled before the call starts keeps it from starting.
     */
    public static <T> CompletableFuture<T> run(Executor executor, Callable<T> call) {
        Objects.requireNonNull(call, "call");
        Executor ex = executor != null ? executor : DefaultExecutor.POOL;
        CompletableFuture<T> future = new CompletableFuture<>();
        ex.execute(() -> {
            if (future.isDone()) {
                return;
            }
            try {
                future.complete(call.call());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }
}
