package io.coro4j.attach;

import io.coro4j.Async;
import io.coro4j.AsyncCallable;
import io.coro4j.Coro;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * A program that {@code UnrewrittenJarTest} packs into a jar as compiled, with no plugin, and runs with
 * and without the agent, before and after the command line rewrote the jar. A task of each kind: a
 * lambda, and a class of its own. Prints one line per task. Never loaded by the test JVM.
 */
public final class PlainJarMain {
    private PlainJarMain() {}

    @Async
    static int work() {
        Coro.sleep(Duration.ofMillis(1));
        return 21;
    }

    static final class Job implements AsyncCallable<Integer> {
        @Override
        public Integer call() {
            return work() * 2;
        }
    }

    public static void main(String[] args) {
        report("lambda", () -> Coro.run(() -> work() * 2));
        report("class", () -> Coro.run(new Job()));
    }

    private static void report(String name, IntSupplier task) {
        try {
            System.out.println(name + " returned " + task.getAsInt());
        } catch (Throwable e) {
            System.out.println(name + " failed: " + e);
        }
    }
}
