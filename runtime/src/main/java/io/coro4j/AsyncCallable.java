package io.coro4j;

/** A coroutine body that returns a value: the target type of task lambdas ({@code Coro.createTask}). */
@FunctionalInterface
public interface AsyncCallable<T> {
    /** Runs the body; may suspend the task that runs it. */
    @Async
    T call() throws Exception;
}
