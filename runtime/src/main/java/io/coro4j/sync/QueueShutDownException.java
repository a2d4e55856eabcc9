package io.coro4j.sync;

/**
 * asyncio's {@code QueueShutDown} (Python 3.13): a put on a queue that was {@linkplain
 * Queue#shutdown(boolean) shut down}, or a get on one shut down and empty (at once after an immediate
 * shutdown).
 */
public class QueueShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With no message. */
    public QueueShutDownException() {}

    /** With {@code message}. */
    public QueueShutDownException(String message) {
        super(message);
    }
}
