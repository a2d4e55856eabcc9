package app;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.Task;
import java.time.Duration;
import java.util.List;

public class Greeter {
    @Async
    static String greet(String who, Duration delay) {
        Coro.sleep(delay);
        return "hello, " + who;
    }

    public static List<String> greetBoth() {
        return Coro.run(() -> {
            Task<String> slow = Coro.createTask(() -> greet("slow", Duration.ofMillis(40)));
            Task<String> fast = Coro.createTask(() -> greet("fast", Duration.ofMillis(20)));
            return Coro.gather(slow, fast);
        });
    }

    public static void main(String[] args) {
        System.out.println(greetBoth());
    }
}
