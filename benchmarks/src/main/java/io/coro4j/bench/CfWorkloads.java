package io.coro4j.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * CompletableFuture on one executor thread: coroutine code written as CompletableFuture chains, as a
 * Java expert writes it without a coroutine library, in the fastest form measured (BENCHMARKS.md lists
 * the alternatives and their numbers). The executor is a {@link ForkJoinPool} of parallelism 1 in FIFO
 * mode: one worker thread, whose submissions from its own thread go to its local queue without a lock
 * ({@code Executors.newSingleThreadExecutor} was slower in every workload). A yield is a hop through the
 * executor: {@code runAsync(nextStep, executor)}, one future fewer than {@code runAsync(noop,
 * executor).thenRun(nextStep)}; a yield whose caller wants a result is {@code supplyAsync}, composed with
 * {@code thenApply}. A task is a chain started with {@code runAsync}; awaiting is {@code join()} from the
 * calling thread; a sleep is
 * {@code runAsync(noop, delayedExecutor(ms, executor))}; the one-slot channel hands a fresh future through
 * a holder and completes it inline. Every asynchronous loop ({@link AsyncLoop}) goes on in a plain
 * {@code while} as long as the futures it waits for are already complete, so that a chain of inline
 * completions never deepens the stack, and allocates no lambda per step.
 */
public final class CfWorkloads implements Workloads {
    private static final Runnable NOOP = () -> {};
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ForkJoinPool executor = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory,
            null, true);

    /** Runs {@code body} on the executor thread and waits for the future it returns. */
    private void run(Supplier<CompletableFuture<?>> body) {
        CompletableFuture.supplyAsync(body, executor).thenCompose(f -> f).join();
    }

    private static final Supplier<Integer> ONE = () -> 1;

    /** A yield {@code below + 1} levels down; each level adds 1 to its callee's result. */
    private CompletableFuture<Integer> nest(int below) {
        if (below == 0) {
            return CompletableFuture.supplyAsync(ONE, executor); // yields, then returns 1
        }
        return nest(below - 1).thenApply(x -> x + 1);
    }

    /** A task's loop of {@code n} yields; its turns run {@link #run()} and it completes {@link #done}. */
    private final class YieldLoop implements Runnable {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private int left;

        YieldLoop(int n) {
            left = n;
        }

        @Override
        public void run() {
            if (left-- == 0) {
                done.complete(null);
            } else {
                CompletableFuture.runAsync(this, executor); // yields; the next turn runs after it
            }
        }
    }

    @Override
    public void yields(int n, int depth) {
        if (depth == 1) {
            run(() -> {
                YieldLoop loop = new YieldLoop(n);
                loop.run();
                return loop.done;
            });
            return;
        }
        run(() -> nestLoop(n, depth));
    }

    /** A task's loop of {@code n} calls of {@code nest(depth - 2)}, each yielding at the bottom. */
    private CompletableFuture<Void> nestLoop(int n, int depth) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        new Consumer<Integer>() {
            int left = n;
            int sum;

            @Override
            public void accept(Integer levels) {
                if (levels != null) {
                    sum += levels;
                }
                if (left-- == 0) {
                    Coro4jWorkloads.check(sum == n * (depth - 1));
                    done.complete(null);
                } else {
                    nest(depth - 2).thenAccept(this);
                }
            }
        }.accept(null);
        return done;
    }

    @Override
    public void yieldsTwoTasks(int n, int depth) {
        if (depth > 1) {
            run(() -> {
                CompletableFuture<Void> a = nestLoop(n / 2, depth);
                CompletableFuture<Void> b = nestLoop(n / 2, depth);
                return a.thenCompose(v -> b);
            });
            return;
        }
        run(() -> {
            YieldLoop a = new YieldLoop(n / 2);
            YieldLoop b = new YieldLoop(n / 2);
            a.run();
            b.run();
            return a.done.thenCompose(v -> b.done);
        });
    }

    /** A task that yields once: its first step, then a hop through the executor. */
    private CompletableFuture<Void> yieldingTask() {
        return CompletableFuture.runAsync(NOOP, executor).thenRunAsync(NOOP, executor);
    }

    /**
     * Creates the tasks in a loop and joins them in order, from the calling thread (which is not the
     * executor's: a join there would block the only worker). So two threads work here, the caller
     * creating and joining while the executor runs the tasks; on the executor thread alone (the joins an
     * asynchronous loop) it was about twice as slow.
     */
    @Override
    public void spawn(int n) {
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = yieldingTask();
        }
        for (int i = 0; i < n; i++) {
            tasks[i].join();
            tasks[i] = null;
        }
    }

    @Override
    public void sleepers(int n, long millis, Runnable whileAsleep) {
        Executor later = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, executor);
        run(() -> {
            for (int i = 0; i < n; i++) {
                CompletableFuture.runAsync(NOOP, executor).thenRunAsync(NOOP, later);
            }
            return CompletableFuture.runAsync(NOOP, executor); // every task is asleep after this hop
        });
        whileAsleep.run();
    }

    /**
     * A one-slot channel between one producer and one consumer. {@code take} returns the item in a
     * completed future, or a fresh future that the next {@code put} completes inline (the taker's
     * continuation runs inside {@code put}); {@code put} waits, in the same way, only while the slot is
     * full.
     */
    static final class Holder<T> {
        private T item;
        private CompletableFuture<T> taker;
        private CompletableFuture<Void> putter;
        private T waitingItem;

        CompletableFuture<Void> put(T x) {
            CompletableFuture<T> t = taker;
            if (t != null) {
                taker = null;
                t.complete(x);
                return DONE;
            }
            if (item == null) {
                item = x;
                return DONE;
            }
            waitingItem = x;
            return putter = new CompletableFuture<>();
        }

        CompletableFuture<T> take() {
            T x = item;
            if (x == null) {
                return taker = new CompletableFuture<>();
            }
            item = null;
            CompletableFuture<Void> p = putter;
            if (p != null) {
                putter = null;
                item = waitingItem;
                waitingItem = null;
                p.complete(null);
            }
            return CompletableFuture.completedFuture(x);
        }
    }

    @Override
    public void pingPong(int n) {
        run(() -> {
            Holder<Integer> ping = new Holder<>();
            Holder<Integer> pong = new Holder<>();
            CompletableFuture<Void> echoed = new CompletableFuture<>();
            new AsyncLoop() { // the other task: n times, takes from ping and puts the item in pong
                int i;
                CompletableFuture<Integer> taken;

                @Override
                CompletableFuture<?> next() {
                    if (taken == null) {
                        if (i++ == n) {
                            echoed.complete(null);
                            return null;
                        }
                        return taken = ping.take();
                    }
                    Integer ball = taken.join();
                    taken = null;
                    return pong.put(ball);
                }
            }.run();
            CompletableFuture<Void> done = new CompletableFuture<>();
            new AsyncLoop() { // this task: n times, puts the ball in ping and takes it back from pong
                int i;
                boolean put;
                CompletableFuture<Integer> taken;
                Integer ball = 1;

                @Override
                CompletableFuture<?> next() {
                    if (taken != null) {
                        ball = taken.join();
                        taken = null;
                    }
                    if (put) {
                        put = false;
                        return taken = pong.take();
                    }
                    if (i++ == n) {
                        echoed.thenRun(() -> done.complete(null));
                        return null;
                    }
                    put = true;
                    return ping.put(ball);
                }
            }.run();
            return done;
        });
    }

    /**
     * An asynchronous loop: {@link #next()} does one step and returns the future it must wait for (null:
     * the loop is over). While those futures are already complete it goes on in a {@code while}, so a
     * chain of inline completions never deepens the stack; otherwise it resumes when the future completes.
     */
    private abstract static class AsyncLoop implements Runnable {
        abstract CompletableFuture<?> next();

        @Override
        public void run() {
            CompletableFuture<?> f;
            while ((f = next()) != null) {
                if (!f.isDone()) {
                    f.thenRun(this);
                    return;
                }
            }
        }
    }

    /** Shuts the executor down; it must still have its one thread (a compensating thread would be a second). */
    @Override
    public void close() {
        int threads = executor.getPoolSize();
        executor.shutdownNow();
        if (threads > 1) {
            throw new IllegalStateException("the executor grew to " + threads + " threads");
        }
    }
}
