package io.coro4j.attach.excluded;

import io.coro4j.Async;
import io.coro4j.Coro;
import java.time.Duration;

/** A coroutine method in a package that {@code ExcludedCall} runs excluded from the agent. */
public final class Legacy {
    private Legacy() {}

    @Async
    public static int work() {
        Coro.sleep(Duration.ofMillis(1));
        return 1;
    }
}
