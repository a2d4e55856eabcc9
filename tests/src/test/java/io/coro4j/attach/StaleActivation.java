package io.coro4j.attach;

import io.coro4j.Coro;

/**
 * Installs the agent while two coroutines run un-rewritten code on their own threads (they were
 * started without the agent), then lets them suspend: the agent must warn about both at attach time,
 * and each task must then fail with an error naming the frame that was not rewritten, never end with a
 * result. Prints one line per task. The test rewrites this class (not {@link Stale}) at build time, so
 * that its tasks may start before the agent is there.
 */
public final class StaleActivation {
    private StaleActivation() {}

    public static void main(String[] args) throws Exception {
        Thread calls = start("stale-calls", () -> Coro.run(Stale::sleepThenCall));
        Thread returns = start("stale-returns", () -> Coro.run(Stale::sleepThenReturn));
        Stale.RUNNING.await();
        Coro.install();
        Stale.ATTACHED.countDown();
        calls.join();
        returns.join();
    }

    private static Thread start(String name, java.util.concurrent.Callable<Integer> task) {
        Thread thread = new Thread(() -> {
            try {
                System.out.println(name + " returned " + task.call());
            } catch (Throwable e) {
                System.out.println(name + " failed: " + e);
            }
        }, name);
        thread.start();
        return thread;
    }
}
