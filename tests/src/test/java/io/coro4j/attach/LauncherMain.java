package io.coro4j.attach;

import io.coro4j.Coro;
import io.coro4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The main class of the executable jar that names the agent with {@code Launcher-Agent-Class}. */
public final class LauncherMain {
    private LauncherMain() {}

    public static void main(String[] args) {
        List<String> steps = new ArrayList<>();
        List<String> results = Coro.run(() -> {
            Task<String> a = Coro.createTask(() -> {
                steps.add("a1");
                Coro.sleep(Duration.ofMillis(5));
                steps.add("a2");
                return "A";
            });
            Task<String> b = Coro.createTask(() -> {
                steps.add("b1");
                Coro.sleep(Duration.ZERO);
                steps.add("b2");
                return "B";
            });
            return Coro.gather(a, b);
        });
        System.out.println("results " + results + " steps " + steps);
    }
}
