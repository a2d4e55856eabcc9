package io.coro4j;

/**
 * A callback scheduled on an {@link EventLoop} (asyncio's {@code asyncio.Handle}): cancel it and it never
 * runs. Made by {@link EventLoop#callSoon} and {@link EventLoop#callSoonThreadsafe}.
 */
public interface Handle {
    /**
     * Keeps the callback from running, if it has not run yet (asyncio's {@code handle.cancel()}). From any
     * thread; cancelling twice does nothing.
     */
    void cancel();

    /** Whether {@link #cancel()} was called (asyncio's {@code handle.cancelled()}). */
    boolean isCancelled();
}
