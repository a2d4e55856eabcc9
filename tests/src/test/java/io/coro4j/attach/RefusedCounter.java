package io.coro4j.attach;

import io.coro4j.Async;
import io.coro4j.Coro;
import java.time.Duration;

/**
 * A coroutine method the rewriter refuses (a monitor held across a suspension), for the test of the
 * command line's exit status. Never loaded by the test JVM.
 */
final class RefusedCounter {
    private int count;

    @Async
    int tick() {
        synchronized (this) {
            Coro.sleep(Duration.ofMillis(1));
            return ++count;
        }
    }
}
