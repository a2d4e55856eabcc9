package io.coro4j.internal.task;

import java.lang.invoke.MethodHandles;

/**
 * A class the rewriter leaves as compiled (nothing in it involves coroutines), so it carries no mark:
 * {@link RewriteCheckTest} makes a task body out of it, as a class the rewriter never saw.
 */
final class NeverRewritten {
    private NeverRewritten() {}

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    static Integer answer() {
        return 42;
    }
}
