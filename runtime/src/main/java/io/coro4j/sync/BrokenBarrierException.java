package io.coro4j.sync;

/**
 * asyncio's {@code BrokenBarrierError}: thrown by {@link Barrier#await()} when the barrier is broken
 * ({@link Barrier#abort()}) or reset while the task waits. Unchecked, unlike {@link
 * java.util.concurrent.BrokenBarrierException}.
 */
public class BrokenBarrierException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With no message. */
    public BrokenBarrierException() {}

    /** With {@code message}. */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
