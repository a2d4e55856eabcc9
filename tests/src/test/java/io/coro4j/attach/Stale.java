package io.coro4j.attach;

import io.coro4j.Async;
import io.coro4j.Coro;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Coroutine methods that {@link StaleActivation} has running, un-rewritten, while the agent attaches:
 * each waits for the attach, then suspends in its old code.
 */
final class Stale {
    /** Counted down by each method once it runs; awaited before the attach. */
    static final CountDownLatch RUNNING = new CountDownLatch(2);
    /** Counted down after the attach. */
    static final CountDownLatch ATTACHED = new CountDownLatch(1);

    private Stale() {}

    /** After the attach, suspends and then calls a (by then rewritten) coroutine method. */
    @Async
    static int sleepThenCall() throws InterruptedException {
        RUNNING.countDown();
        ATTACHED.await();
        Coro.sleep(Duration.ofMillis(1));
        return answer();
    }

    /**
     * After the attach, suspends (through {@link #nap}, a coroutine method that saves a frame, unlike
     * {@code Coro.sleep}, a hand-written leaf) and then returns.
     */
    @Async
    static int sleepThenReturn() throws InterruptedException {
        RUNNING.countDown();
        ATTACHED.await();
        nap();
        return 7;
    }

    @Async
    static void nap() {
        Coro.sleep(Duration.ofMillis(1));
    }

    @Async
    static int answer() {
        return 42;
    }
}
