/**
 * Runnable programs that show coro4j, starting with the two examples of the asyncio tutorial it follows.
 *
 * <ul>
 *   <li>{@link io.coro4j.samples.CurrentTaskExample}: a coroutine asks for the task that runs it
 *       ({@code asyncio.current_task()}).
 *   <li>{@link io.coro4j.samples.AllTasksExample}: a coroutine starts ten tasks and lists every task of
 *       the event loop ({@code asyncio.all_tasks()}).
 *   <li>{@link io.coro4j.samples.ProducerConsumerExample}: producers and consumers around a bounded
 *       {@link io.coro4j.sync.Queue}, its {@code join()}, and {@code shutdown()} to stop the consumers.
 *   <li>{@link io.coro4j.samples.TaskGroupExample}: a {@link io.coro4j.TaskGroup} whose child fails, and
 *       {@code Coro.gatherSettled} for contrast.
 *   <li>{@link io.coro4j.samples.TimeoutExample}: {@code Coro.withTimeout}, a {@link io.coro4j.Timeout}
 *       moved with {@code reschedule}, and {@code Coro.waitFor}.
 * </ul>
 *
 * <p>Each sample is started like any Java program, with the coro4j agent on the command line, which
 * rewrites the {@code @Async} methods when their class loads:
 *
 * <pre>{@code
 * java -javaagent:path/to/coro4j-agent.jar -cp ... io.coro4j.samples.CurrentTaskExample
 * }</pre>
 *
 * <p>From the repository root, {@code mvn -Psamples -DskipTests verify} builds the agent and runs them all.
 */
package io.coro4j.samples;
