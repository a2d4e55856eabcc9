package io.coro4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an error handed to a loop's {@link ExceptionHandler} is about: asyncio's exception handler context,
 * the dict with {@code 'message'}, {@code 'exception'}, {@code 'task'}, {@code 'handle'} and so on. It
 * always has a message, and, as the case may be, the exception, the task, the callback and the future it
 * concerns, and further entries by name (the network code adds the peer and the socket). Immutable:
 * {@link #with} returns a copy with one more entry.
 *
 * <pre>{@code
 * loop.setExceptionHandler((l, context) -> {
 *     metrics.count(context.message());
 *     l.defaultExceptionHandler(context); // and log it as usual
 * });
 * }</pre>
 */
public final class ExceptionContext {
    /** The key of {@link #message()}. */
    public static final String MESSAGE = "message";
    /** The key of {@link #exception()}. */
    public static final String EXCEPTION = "exception";
    /** The key of {@link #task()}. */
    public static final String TASK = "task";
    /** The key of {@link #callback()} (asyncio's {@code 'handle'}). */
    public static final String CALLBACK = "callback";
    /** The key of {@link #future()}. */
    public static final String FUTURE = "future";

    private final Map<String, Object> entries;

    private ExceptionContext(Map<String, Object> entries) {
        this.entries = entries;
    }

    /** A context with only a message. */
    public static ExceptionContext of(String message) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put(MESSAGE, Objects.requireNonNull(message, "message"));
        return new ExceptionContext(entries);
    }

    /** A context with a message and the exception it is about ({@code null}: none). */
    public static ExceptionContext of(String message, Throwable exception) {
        return of(message).with(EXCEPTION, exception);
    }

    /**
     * A copy with the entry {@code key} set to {@code value}, or without it when {@code value} is
     * {@code null}. The values of the named keys must have their types: a {@code String} message, a
     * {@code Throwable} exception, a {@link Task} task.
     *
     * @throws IllegalArgumentException when a named key gets a value of another type
     */
    public ExceptionContext with(String key, Object value) {
        Objects.requireNonNull(key, "key");
        if (key.equals(MESSAGE) && !(value instanceof String)) {
            throw new IllegalArgumentException("the message must be a String, not " + value);
        }
        if (value != null && (key.equals(EXCEPTION) && !(value instanceof Throwable)
                || key.equals(TASK) && !(value instanceof Task))) {
            throw new IllegalArgumentException("the " + key + " entry cannot be a " + value.getClass().getName());
        }
        Map<String, Object> copy = new LinkedHashMap<>(entries);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new ExceptionContext(copy);
    }

    /** What happened, in a sentence ({@code "Exception in callback ..."}). */
    public String message() {
        return (String) entries.get(MESSAGE);
    }

    /** The exception, or {@code null} when there is none. */
    public Throwable exception() {
        return (Throwable) entries.get(EXCEPTION);
    }

    /** The task it is about, or {@code null}. */
    public Task<?> task() {
        return (Task<?>) entries.get(TASK);
    }

    /** The loop callback it is about (a {@code Runnable}, a {@link Handle}), or {@code null}. */
    public Object callback() {
        return entries.get(CALLBACK);
    }

    /** The future it is about, or {@code null}. */
    public Object future() {
        return entries.get(FUTURE);
    }

    /** The entry {@code key}, or {@code null}. */
    public Object get(String key) {
        return entries.get(key);
    }

    /** Every entry, in the order set, as an unmodifiable map (asyncio's dict). */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(entries);
    }

    /**
     * The text the default handler logs, as asyncio's does: the message, then one line
     * {@code key: value} for each other entry but the exception (whose stack trace is logged with it).
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(message());
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (!e.getKey().equals(MESSAGE) && !e.getKey().equals(EXCEPTION)) {
                b.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        return b.toString();
    }
}
