/**
 * Tasks: {@link io.coro4j.internal.task.TaskImpl}, the continuation of one coroutine scheduled on an
 * {@link io.coro4j.internal.loop.LoopCore}, its step (calling the body, checking what the step saved:
 * {@link io.coro4j.internal.task.BodyCheck}, and the words of the errors the protocol finds:
 * {@link io.coro4j.internal.task.SuspensionDiagnosis}), and the things a task waits on: the timer queue
 * (sleep: the task is its own node there, a {@link io.coro4j.internal.loop.Sleeper}), another task (join),
 * or a {@link io.coro4j.internal.task.Completion}, the one-shot completion behind every other wait: a
 * lock's waiter, a {@link io.coro4j.internal.task.Gather}, a
 * {@link io.coro4j.internal.task.StageWaiter} (await of a {@code CompletionStage}), and the helpers of
 * asyncio's waiting functions: {@link io.coro4j.internal.task.CompletionWait} ({@code wait}),
 * {@link io.coro4j.internal.task.CompletionQueue} ({@code as_completed}),
 * {@link io.coro4j.internal.task.ShieldedJoin} ({@code shield}), {@link io.coro4j.internal.task.WaitFor}
 * ({@code wait_for}); a queue's getters and putters wait on their task's one reusable
 * {@link io.coro4j.internal.task.Waiter} instead.
 *
 * <p>A waiting task holds the thing it waits on as a token ({@code TaskImpl.waitingOn}); whatever
 * wakes it names that token, so a wake-up that arrives after the task stopped waiting (it was
 * cancelled and went on) finds another token and is ignored (a {@link io.coro4j.internal.task.Waiter}, the same token for each
 * of its task's waits, is safe by another rule: see its comment). Nothing here resumes a task inside the
 * call that completed what it waited on: a wake-up only schedules the task's next step.
 *
 * <p>The loop holds a task strongly while its step is queued or it sleeps; a task waiting on anything
 * else is held weakly by the loop's registry, as asyncio holds every task, so {@code allTasks()} looks
 * in the ready queue, the timer queue and the registry
 * ({@link io.coro4j.internal.task.TaskIntrospection#pending}).
 * {@link io.coro4j.internal.task.TaskIntrospection} also says where a task stands and what it waits for,
 * which {@link io.coro4j.internal.task.TaskDump} prints.
 */
package io.coro4j.internal.task;
