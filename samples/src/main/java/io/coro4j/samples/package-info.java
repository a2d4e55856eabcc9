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
 *   <li>{@link io.coro4j.samples.EchoExample}: an echo server and its client, on {@code io.coro4j.net}'s
 *       streams.
 *   <li>{@link io.coro4j.samples.ChatExample}: a chat server, a {@link io.coro4j.sync.Queue} and a sender
 *       task per client, departures noticed; its demo prints a task dump of the handler tasks.
 *   <li>{@link io.coro4j.samples.HttpServerExample} and {@link io.coro4j.samples.HttpClientExample}: a small
 *       HTTP/1.1 server (keep-alive, 404, 400, 431 past the reader's limit) and a client that fetches many
 *       paths at once, bounded by a {@link io.coro4j.sync.Semaphore}, with a timeout per request.
 * </ul>
 *
 * <p>The build rewrites their {@code @Async} methods with the coro4j Maven plugin (see
 * {@code samples/pom.xml}), so each sample is started like any Java program, with no agent:
 *
 * <pre>{@code
 * java -cp runtime/target/classes:samples/target/classes io.coro4j.samples.CurrentTaskExample
 * }</pre>
 *
 * <p>{@link io.coro4j.samples.TaskDumpExample} is the exception: the plugin leaves it to the agent, which
 * rewrites it when it loads, so that both ways stay tested:
 *
 * <pre>{@code
 * java -javaagent:instrumenter/target/coro4j-agent.jar -cp ... io.coro4j.samples.TaskDumpExample
 * }</pre>
 *
 * <p>From the repository root, {@code mvn -Psamples -DskipTests verify} builds everything and runs them all.
 */
package io.coro4j.samples;
