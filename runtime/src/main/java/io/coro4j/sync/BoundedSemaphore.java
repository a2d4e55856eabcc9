package io.coro4j.sync;

/**
 * A {@link Semaphore} that refuses to be released beyond its initial permits (asyncio's
 * {@code asyncio.BoundedSemaphore}): a release without a matching acquire is a bug, and fails loudly.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** A bounded semaphore with one permit (asyncio's {@code BoundedSemaphore()}). */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * A bounded semaphore with {@code permits} permits, at most (asyncio's {@code BoundedSemaphore(value)}).
     *
     * @throws IllegalArgumentException when {@code permits} is negative
     */
    public BoundedSemaphore(int permits) {
        super(permits);
        this.bound = permits;
    }

    /**
     * {@link Semaphore#release()}.
     *
     * @throws IllegalStateException when it would raise the permits above the initial number (asyncio's
     *     {@code ValueError: BoundedSemaphore released too many times})
     */
    @Override
    public void release() {
        if (availablePermits() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
