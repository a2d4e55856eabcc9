/**
 * Tasks: {@link io.coro4j.internal.task.TaskImpl}, the continuation of one coroutine scheduled on an
 * {@link io.coro4j.internal.loop.EventLoop}, and the things a task waits on: a timer (sleep), another
 * task (join), a {@link io.coro4j.internal.task.Gather}, a
 * {@link io.coro4j.internal.task.StageWaiter} (await of a {@code CompletionStage}), and the helpers of
 * asyncio's waiting functions built on a {@link io.coro4j.internal.task.Wakeup} (a bare future that lets
 * go of a cancelled waiter): {@link io.coro4j.internal.task.CompletionWait} ({@code wait}),
 * {@link io.coro4j.internal.task.CompletionQueue} ({@code as_completed}),
 * {@link io.coro4j.internal.task.ShieldedJoin} ({@code shield}).
 *
 * <p>A waiting task holds the thing it waits on as a token ({@code TaskImpl.waitingOn}); whatever
 * wakes it names that token, so a wake-up that arrives after the task stopped waiting (it was
 * cancelled and went on) finds another token and is ignored. Nothing here resumes a task inside the
 * call that completed what it waited on: a wake-up only schedules the task's next step.
 */
package io.coro4j.internal.task;
