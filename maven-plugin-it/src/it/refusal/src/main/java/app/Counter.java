package app;

import io.coro4j.Async;
import io.coro4j.Coro;
import java.time.Duration;

public class Counter {
    private int count;

    @Async
    public int tick() {
        synchronized (this) {
            Coro.sleep(Duration.ofMillis(1));
            return ++count;
        }
    }
}
