package io.coro4j.sync;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;

/** {@code assertThrows} for coroutine code: JUnit's {@code Executable} is a plain lambda and cannot suspend. */
final class AsyncAssertions {
    private AsyncAssertions() {}

    /** Runs {@code body} in the calling task and returns what it threw, which must be a {@code type}. */
    @Async
    static <E extends Throwable> E assertThrowsAsync(Class<E> type, AsyncRunnable body) {
        try {
            body.run();
        } catch (Throwable e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw new AssertionError("expected " + type.getName() + " but got " + e, e);
        }
        throw new AssertionError("expected " + type.getName() + " but nothing was thrown");
    }
}
