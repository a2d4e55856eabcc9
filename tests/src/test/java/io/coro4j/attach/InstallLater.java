package io.coro4j.attach;

import io.coro4j.Coro;
import io.coro4j.Task;
import java.util.List;

/**
 * A program started without {@code -javaagent} that installs the agent itself, after it has loaded and
 * initialized a class with coroutine methods ({@link Preloaded}) and while its own main (which holds coroutine
 * lambdas) runs: both must be retransformed, and the coroutines must then suspend and resume.
 */
public final class InstallLater {
    private InstallLater() {}

    public static void main(String[] args) {
        System.out.println(Preloaded.touch());
        Coro.install();
        Coro.install(); // idempotent
        List<Integer> sums = Coro.run(() -> {
            Task<Integer> a = Coro.createTask(() -> Preloaded.count("a", 3));
            Task<Integer> b = Coro.createTask(() -> Preloaded.count("b", 3));
            return Coro.gather(a, b);
        });
        System.out.println("sums " + sums);
        System.out.println("steps " + Preloaded.STEPS);
    }
}
