package io.coro4j.internal.task;

/**
 * Told when a task is done, inside the call that finished it. It must only schedule work (with
 * {@code callSoon}), never run any: done callbacks run as soon-callbacks, as asyncio's do.
 */
@FunctionalInterface
interface DoneListener {
    void taskDone(TaskImpl<?> task);
}
