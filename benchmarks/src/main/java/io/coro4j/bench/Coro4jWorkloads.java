package io.coro4j.bench;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.Task;

import java.time.Duration;

/**
 * coro4j's side. A yield is {@code Coro.sleep(Duration.ZERO)} (asyncio's {@code sleep(0)}). The
 * ping-pong channel is {@link Slot}: coro4j has no queue yet, so it is a one-slot handoff written here
 * on the public API, whose waiting side polls with {@code sleep(ZERO)}.
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
                for (int i = 0; i < n; i++) {
                    nest(depth - 2);
                }
            }
        });
    }

    @Async
    static void nest(int below) {
        if (below == 0) {
            Coro.sleep(ZERO);
        } else {
            nest(below - 1);
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
    public void spawnEach(int n) {
        Coro.run(() -> {
            for (int i = 0; i < n; i++) {
                Coro.createTask(() -> Coro.sleep(ZERO)).join();
            }
        });
    }

    @Override
    public void sleepers(int n, long millis, Runnable whileAsleep) {
        Duration d = Duration.ofMillis(millis);
        Coro.run(() -> {
            if (whileAsleep != null) {
                // the heap measurement: nothing but the runtime holds the tasks
                for (int i = 0; i < n; i++) {
                    Coro.createTask(() -> Coro.sleep(d));
                }
                Coro.sleep(ZERO); // every task runs its first step and falls asleep
                whileAsleep.run();
                return;
            }
            Task<?>[] tasks = new Task<?>[n];
            for (int i = 0; i < n; i++) {
                tasks[i] = Coro.createTask(() -> Coro.sleep(d));
            }
            for (int i = 0; i < n; i++) {
                tasks[i].join();
            }
        });
    }

    /** A one-slot channel: {@code put} waits while full, {@code take} while empty (polling with sleep(0)). */
    static final class Slot {
        private Object item;

        @Async
        void put(Object x) {
            while (item != null) {
                Coro.sleep(ZERO);
            }
            item = x;
        }

        @Async
        Object take() {
            Object x;
            while ((x = item) == null) {
                Coro.sleep(ZERO);
            }
            item = null;
            return x;
        }
    }

    @Override
    public void pingPong(int n) {
        Coro.run(() -> {
            Slot ping = new Slot();
            Slot pong = new Slot();
            Task<?> other = Coro.createTask(() -> {
                for (int i = 0; i < n; i++) {
                    pong.put(ping.take());
                }
            });
            Integer ball = 1;
            for (int i = 0; i < n; i++) {
                ping.put(ball);
                ball = (Integer) pong.take();
            }
            other.join();
        });
    }
}
