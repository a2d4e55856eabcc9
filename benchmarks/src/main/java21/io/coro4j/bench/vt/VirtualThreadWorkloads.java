package io.coro4j.bench.vt;

import io.coro4j.bench.Workloads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Virtual threads on one carrier (run.sh starts the JVM with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1}): a task
 * is a virtual thread, a yield is {@code Thread.yield()}, a sleep is {@code Thread.sleep}, the ping-pong
 * channel is an {@code ArrayBlockingQueue} of capacity 1. Each workload runs inside a virtual thread, so
 * that waiting for the others parks on the same carrier.
 */
public final class VirtualThreadWorkloads implements Workloads {
    /** Runs {@code body} in a virtual thread and waits for it. */
    private static void run(ThrowingRunnable body) throws Exception {
        Exception[] failure = new Exception[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        t.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** {@code below + 1} frames under the caller; each adds 1 to its callee's result. */
    static int nest(int below) {
        if (below == 0) {
            Thread.yield();
            return 1;
        }
        return nest(below - 1) + 1;
    }

    @Override
    public void yields(int n, int depth) throws Exception {
        run(() -> {
            if (depth == 1) {
                for (int i = 0; i < n; i++) {
                    Thread.yield();
                }
            } else {
                int sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += nest(depth - 2);
                }
                if (sum != n * (depth - 1)) {
                    throw new AssertionError("the workload computed a wrong result");
                }
            }
        });
    }

    @Override
    public void yieldsTwoTasks(int n, int depth) throws Exception {
        run(() -> {
            Runnable body = () -> {
                int sum = 0;
                for (int i = 0; i < n / 2; i++) {
                    if (depth == 1) {
                        Thread.yield();
                    } else {
                        sum += nest(depth - 2);
                    }
                }
                if (depth > 1 && sum != n / 2 * (depth - 1)) {
                    throw new AssertionError("the workload computed a wrong result");
                }
            };
            Thread a = Thread.ofVirtual().start(body);
            Thread b = Thread.ofVirtual().start(body);
            a.join();
            b.join();
        });
    }

    @Override
    public void spawn(int n) throws Exception {
        run(() -> {
            Thread[] tasks = new Thread[n];
            for (int i = 0; i < n; i++) {
                tasks[i] = Thread.ofVirtual().start(Thread::yield);
            }
            for (int i = 0; i < n; i++) {
                tasks[i].join();
                tasks[i] = null;
            }
        });
    }

    @Override
    public void sleepers(int n, long millis, Runnable whileAsleep) throws Exception {
        Runnable sleep = () -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        run(() -> {
            for (int i = 0; i < n; i++) {
                Thread.ofVirtual().start(sleep);
            }
            Thread.yield(); // every thread ran and is asleep after this
        });
        whileAsleep.run();
    }

    @Override
    public void pingPong(int n) throws Exception {
        run(() -> {
            BlockingQueue<Integer> ping = new ArrayBlockingQueue<>(1);
            BlockingQueue<Integer> pong = new ArrayBlockingQueue<>(1);
            Thread other = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        pong.put(ping.take());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Integer ball = 1;
            for (int i = 0; i < n; i++) {
                ping.put(ball);
                ball = pong.take();
            }
            other.join();
        });
    }
}
