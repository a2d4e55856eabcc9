package io.coro4j;

/**
 * {@code assertThrows} for code that may suspend: JUnit's {@code Executable} is a plain lambda, from which
 * a suspension is refused, while an {@link AsyncCallable} body may suspend.
 */
public final class AsyncAssertions {
    private AsyncAssertions() {}

    /** Runs {@code body} in the calling coroutine and returns what it threw, which must be a {@code type}. */
    @Async
    public static <E extends Throwable> E assertThrowsAsync(Class<E> type, AsyncCallable<?> body) {
        try {
            body.call();
        } catch (Throwable e) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            throw new AssertionError("expected " + type.getName() + " but " + e + " was thrown", e);
        }
        throw new AssertionError("expected " + type.getName() + " but nothing was thrown");
    }

    /** {@link #assertThrowsAsync(Class, AsyncCallable)} for a body without a result. */
    @Async
    public static <E extends Throwable> E assertThrowsAsync(Class<E> type, AsyncRunnable body) {
        return assertThrowsAsync(type, () -> {
            body.run();
            return null;
        });
    }
}
