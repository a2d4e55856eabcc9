package io.coro4j;

import io.coro4j.internal.task.Outcomes;

import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * How one task ended, as an element of {@link Coro#gatherSettled}'s list: the slot asyncio's
 * {@code gather(..., return_exceptions=True)} fills with a result or an exception. A task that was
 * cancelled is an outcome whose exception is a {@link CancellationException} carrying the cancel message
 * (asyncio puts a {@code CancelledError} in the list).
 *
 * @param <T> the type of the result
 */
public final class Outcome<T> {
    private final T value;
    private final Throwable exception;

    private Outcome(T value, Throwable exception) {
        this.value = value;
        this.exception = exception;
    }

    /** The outcome of a task that returned {@code value}. */
    public static <T> Outcome<T> succeeded(T value) {
        return new Outcome<>(value, null);
    }

    /** The outcome of a task that threw {@code exception} (a {@code CancellationException}: cancelled). */
    public static <T> Outcome<T> failed(Throwable exception) {
        return new Outcome<>(null, Objects.requireNonNull(exception, "exception"));
    }

    /** Whether the task returned normally. */
    public boolean isSuccess() {
        return exception == null;
    }

    /** Whether the task ended cancelled. */
    public boolean isCancelled() {
        return exception instanceof CancellationException;
    }

    /** The exception the task ended with, as it was thrown; {@code null} when it succeeded. */
    public Throwable exception() {
        return exception;
    }

    /**
     * The value, or the exception thrown by the rule of {@link Task}: an unchecked exception or error as
     * it is, a checked one wrapped in {@link java.util.concurrent.CompletionException}.
     */
    public T get() {
        if (exception != null) {
            throw Outcomes.propagate(exception);
        }
        return value;
    }

    @Override
    public String toString() {
        return exception == null ? "Outcome[value=" + value + "]" : "Outcome[exception=" + exception + "]";
    }
}
