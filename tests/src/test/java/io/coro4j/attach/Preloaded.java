package io.coro4j.attach;

import io.coro4j.Async;
import io.coro4j.Coro;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Coroutine methods of a class that {@link InstallLater} loads and uses before the agent is installed. */
final class Preloaded {
    static final List<String> STEPS = new ArrayList<>();

    private Preloaded() {}

    /** A plain method: calling it loads and initializes the class. */
    static String touch() {
        return "loaded " + Preloaded.class.getSimpleName();
    }

    /** Counts to {@code steps}, yielding to the other tasks after each step. */
    @Async
    static int count(String name, int steps) {
        int sum = 0;
        for (int i = 0; i < steps; i++) {
            STEPS.add(name + i);
            Coro.sleep(Duration.ZERO);
            sum += i;
        }
        return sum;
    }
}
