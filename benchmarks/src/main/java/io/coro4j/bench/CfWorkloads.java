package io.coro4j.bench;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * CompletableFuture on one executor thread (a single-thread {@code ThreadPoolExecutor}): coroutine code
 * written as CompletableFuture chains, the way it is written without a coroutine library. A yield is a
 * hop through the executor ({@code runAsync(noop, executor)}); a task is a chain started with
 * {@code runAsync}; a sleep is {@code runAsync(noop, delayedExecutor(ms, executor))}; the ping-pong
 * channel is a one-slot handoff whose waiting side is completed through the executor.
 */
public final class CfWorkloads implements Workloads {
    private static final Runnable NOOP = () -> {};

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cf-executor");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code body} on the executor thread and waits for the future it returns. */
    private void run(Supplier<CompletableFuture<?>> body) {
        CompletableFuture.supplyAsync(body, executor).thenCompose(f -> f).join();
    }

    private CompletableFuture<Void> yieldOnce() {
        return CompletableFuture.runAsync(NOOP, executor);
    }

    private CompletableFuture<Void> nest(int below) {
        return (below == 0 ? yieldOnce() : nest(below - 1)).thenApply(v -> v);
    }

    /** An asynchronous loop of {@code n} yields, each after the previous one completed. */
    @Override
    public void yields(int n, int depth) {
        run(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            new Object() {
                void step(int i) {
                    if (i == n) {
                        done.complete(null);
                    } else {
                        (depth == 1 ? yieldOnce() : nest(depth - 2)).thenRun(() -> step(i + 1));
                    }
                }
            }.step(0);
            return done;
        });
    }

    @Override
    public void spawn(int n) {
        run(() -> {
            CompletableFuture<?>[] tasks = new CompletableFuture<?>[n];
            for (int i = 0; i < n; i++) {
                tasks[i] = CompletableFuture.runAsync(NOOP, executor).thenCompose(v -> yieldOnce());
            }
            return CompletableFuture.allOf(tasks);
        });
    }

    @Override
    public void spawnEach(int n) {
        run(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            new Object() {
                void step(int i) {
                    if (i == n) {
                        done.complete(null);
                    } else {
                        CompletableFuture.runAsync(NOOP, executor).thenCompose(v -> yieldOnce())
                                .thenRun(() -> step(i + 1));
                    }
                }
            }.step(0);
            return done;
        });
    }

    @Override
    public void sleepers(int n, long millis, Runnable whileAsleep) {
        java.util.concurrent.Executor later = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, executor);
        if (whileAsleep != null) {
            run(() -> {
                for (int i = 0; i < n; i++) {
                    CompletableFuture.runAsync(NOOP, executor).thenCompose(v -> CompletableFuture.runAsync(NOOP, later));
                }
                return yieldOnce(); // every task ran its first step and is asleep after this hop
            });
            whileAsleep.run();
            return;
        }
        run(() -> {
            CompletableFuture<?>[] tasks = new CompletableFuture<?>[n];
            for (int i = 0; i < n; i++) {
                tasks[i] = CompletableFuture.runAsync(NOOP, executor)
                        .thenCompose(v -> CompletableFuture.runAsync(NOOP, later));
            }
            return CompletableFuture.allOf(tasks);
        });
    }

    /** A one-slot channel; a waiting taker or putter is completed through the executor. */
    final class Slot {
        private Object item;
        private final ArrayDeque<CompletableFuture<Object>> takers = new ArrayDeque<>(1);
        private final ArrayDeque<CompletableFuture<Void>> putters = new ArrayDeque<>(1);
        private final ArrayDeque<Object> waitingItems = new ArrayDeque<>(1);

        CompletableFuture<Void> put(Object x) {
            CompletableFuture<Object> taker = takers.poll();
            if (taker != null) {
                executor.execute(() -> taker.complete(x));
                return CompletableFuture.completedFuture(null);
            }
            if (item == null) {
                item = x;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            putters.add(f);
            waitingItems.add(x);
            return f;
        }

        CompletableFuture<Object> take() {
            Object x = item;
            if (x != null) {
                item = null;
                CompletableFuture<Void> putter = putters.poll();
                if (putter != null) {
                    item = waitingItems.poll();
                    executor.execute(() -> putter.complete(null));
                }
                return CompletableFuture.completedFuture(x);
            }
            CompletableFuture<Object> f = new CompletableFuture<>();
            takers.add(f);
            return f;
        }
    }

    @Override
    public void pingPong(int n) {
        run(() -> {
            Slot ping = new Slot();
            Slot pong = new Slot();
            CompletableFuture<Void> otherDone = new CompletableFuture<>();
            new Object() {
                void step(int i) {
                    if (i == n) {
                        otherDone.complete(null);
                    } else {
                        ping.take().thenCompose(pong::put).thenRun(() -> step(i + 1));
                    }
                }
            }.step(0);
            CompletableFuture<Void> done = new CompletableFuture<>();
            new Object() {
                void step(int i) {
                    if (i == n) {
                        otherDone.thenRun(() -> done.complete(null));
                    } else {
                        ping.put(1).thenCompose(v -> pong.take()).thenRun(() -> step(i + 1));
                    }
                }
            }.step(0);
            return done;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
