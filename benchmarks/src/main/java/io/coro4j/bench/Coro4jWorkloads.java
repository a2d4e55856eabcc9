package io.coro4j.bench;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.sync.Queue;

import java.time.Duration;

/**
 * coro4j's side, each workload as a user writes it: a yield is {@code Coro.sleep(Duration.ZERO)}
 * (asyncio's {@code sleep(0)}), a task is {@code Coro.createTask}, awaiting it is {@code join}, the
 * one-slot channel is {@code new io.coro4j.sync.Queue<>(1)}.
 */
public final class Coro4jWorkloads implements Workloads {
    private static final Duration ZERO = Duration.ZERO;

    @Override
    public void yields(int n, int depth) {
        Coro.run(() -> {
            if (depth == 1) {
                for (int i = 0; i < n; i++) {
                    Coro.sleep(ZERO);
                }
            } else {
                int sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += nest(depth - 2);
                }
                check(sum == n * (depth - 1));
            }
        });
    }

    /** {@code below + 1} coroutine frames under the caller; each adds 1 to its callee's result. */
    @Async
    static int nest(int below) {
        if (below == 0) {
            Coro.sleep(ZERO);
            return 1;
        }
        return nest(below - 1) + 1;
    }

    @Override
    public void yieldsTwoTasks(int n, int depth) {
        Coro.run(() -> {
            Task<Void> a = Coro.createTask(() -> yieldTimes(n / 2, depth));
            Task<Void> b = Coro.createTask(() -> yieldTimes(n / 2, depth));
            a.join();
            b.join();
        });
    }

    @Async
    static void yieldTimes(int n, int depth) {
        if (depth == 1) {
            for (int i = 0; i < n; i++) {
                Coro.sleep(ZERO);
            }
        } else {
            int sum = 0;
            for (int i = 0; i < n; i++) {
                sum += nest(depth - 2);
            }
            check(sum == n * (depth - 1));
        }
    }

    @Override
    public void spawn(int n) {
        Coro.run(() -> {
            Task<?>[] tasks = new Task<?>[n];
            for (int i = 0; i < n; i++) {
                tasks[i] = Coro.createTask(() -> Coro.sleep(ZERO));
            }
            for (int i = 0; i < n; i++) {
                tasks[i].join();
                tasks[i] = null;
            }
        });
    }

    @Override
    public void sleepers(int n, long millis, Runnable whileAsleep) {
        Duration d = Duration.ofMillis(millis);
        Coro.run(() -> {
            for (int i = 0; i < n; i++) {
                Coro.createTask(() -> Coro.sleep(d));
            }
            Coro.sleep(ZERO); // every task runs its first step and falls asleep
            whileAsleep.run();
        });
    }

    @Override
    public void pingPong(int n) {
        Coro.run(() -> {
            Queue<Integer> ping = new Queue<>(1);
            Queue<Integer> pong = new Queue<>(1);
            Task<Void> other = Coro.createTask(() -> {
                for (int i = 0; i < n; i++) {
                    pong.put(ping.get());
                }
            });
            Integer ball = 1;
            for (int i = 0; i < n; i++) {
                ping.put(ball);
                ball = pong.get();
            }
            other.join();
        });
    }

    static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("the workload computed a wrong result");
        }
    }
}
