package io.coro4j.attach;

import io.coro4j.Coro;
import io.coro4j.attach.excluded.Legacy;

/**
 * Run with the agent and {@code -Dcoro4j.exclude=io.coro4j.attach.excluded}: a task suspends in
 * {@link Legacy#work()}, which is not rewritten, once called from a rewritten lambda and once as the
 * task's body. Prints one line per task.
 */
public final class ExcludedCall {
    private ExcludedCall() {}

    public static void main(String[] args) {
        report("from-lambda", () -> Coro.run(() -> Legacy.work() + 1));
        report("as-body", () -> Coro.run(Legacy::work));
    }

    private static void report(String name, java.util.function.IntSupplier task) {
        try {
            System.out.println(name + " returned " + task.getAsInt());
        } catch (Throwable e) {
            System.out.println(name + " failed: " + e);
        }
    }
}
