package io.coro4j;

/** A coroutine body without a result. */
@FunctionalInterface
public interface AsyncRunnable {
    /** Runs the body; may suspend the task that runs it. */
    @Async
    void run() throws Exception;
}
