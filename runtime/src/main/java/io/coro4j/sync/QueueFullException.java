package io.coro4j.sync;

/**
 * asyncio's {@code QueueFull}: {@link Queue#putNowait(Object)} found the queue full (as {@link
 * java.util.Queue#add(Object)} throws {@code IllegalStateException}).
 */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With no message. */
    public QueueFullException() {}

    /** With {@code message}. */
    public QueueFullException(String message) {
        super(message);
    }
}
