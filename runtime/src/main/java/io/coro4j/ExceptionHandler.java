package io.coro4j;

/**
 * What a loop does with an error nobody else can take (asyncio's exception handler, set with
 * {@code loop.set_exception_handler}): an exception thrown by a callback or a done callback, a task
 * exception never retrieved, a task that failed while {@code Coro.run} was shutting down. Set one with
 * {@link EventLoop#setExceptionHandler}; without one, the loop's default logs the error (see
 * {@link EventLoop#defaultExceptionHandler}).
 */
@FunctionalInterface
public interface ExceptionHandler {
    /**
     * Handles one error, on the loop's thread (a report about a loop already closed may come on the thread
     * that found it). An exception thrown here is logged by the default handler, with the context it was
     * handling, and the loop goes on.
     */
    void handle(EventLoop loop, ExceptionContext context);
}
