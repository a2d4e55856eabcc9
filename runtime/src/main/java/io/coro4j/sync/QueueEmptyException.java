package io.coro4j.sync;

/**
 * asyncio's {@code QueueEmpty}: {@link Queue#getNowait()} found the queue empty (as {@link
 * java.util.Queue#remove()} throws {@code NoSuchElementException}).
 */
public class QueueEmptyException extends java.util.NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /** With no message. */
    public QueueEmptyException() {}

    /** With {@code message}. */
    public QueueEmptyException(String message) {
        super(message);
    }
}
