package io.coro4j.internal.task;

import java.util.concurrent.CompletionException;

/** The one rule for delivering a failure to a caller (join, result, gather, waitFor, await, run). */
public final class Outcomes {
    private Outcomes() {}

    /**
     * What to throw for {@code failure}: an unchecked exception or error as it is (same instance, its own
     * stack trace), a checked one wrapped in a {@link CompletionException}, as
     * {@code CompletableFuture.join} does. Errors are thrown from here; use as {@code throw propagate(e)}.
     */
    public static RuntimeException propagate(Throwable failure) {
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure instanceof RuntimeException) {
            return (RuntimeException) failure;
        }
        return new CompletionException(failure);
    }

    /** The failure a stage completed with, without the {@link CompletionException} wrapper it may carry. */
    static Throwable unwrap(Throwable failure) {
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure;
    }

    /**
     * Throws {@code checked}, which the method asked for declares (a {@code TimeoutException} of
     * {@code waitFor}), through one that cannot: use as {@code throw sneaky(e)}.
     */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable checked) throws E {
        throw (E) checked;
    }
}
