package io.coro4j;

/**
 * A callback scheduled at a time (asyncio's {@code asyncio.TimerHandle}): made by
 * {@link EventLoop#callLater} and {@link EventLoop#callAt}. A cancelled timer leaves the loop's timer
 * queue at once.
 */
public interface TimerHandle extends Handle {
    /** The loop time, in nanoseconds of {@link EventLoop#time()}, when the callback is due (asyncio's {@code when()}). */
    long when();
}
