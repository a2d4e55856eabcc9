package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Outcome;
import io.coro4j.Task;
import io.coro4j.TaskGroup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Structured concurrency with a task group whose child fails: asyncio's {@code asyncio.TaskGroup}, then
 * the same tasks under {@code gather(..., return_exceptions=True)} for contrast.
 *
 * <p>The Python original (shortened):
 *
 * <pre>{@code
 * async def main():
 *     try:
 *         async with asyncio.TaskGroup() as g:
 *             g.create_task(job('fast', 0.01))
 *             g.create_task(job('broken', 0.03, fails=True))
 *             g.create_task(job('slow', 0.1))
 *             g.create_task(transfer())
 *     except* RuntimeError as group:
 *         print(group.exceptions)
 *
 *     tasks = [asyncio.create_task(c) for c in (job('fast', 0.01), ...)]
 *     for outcome in await asyncio.gather(*tasks, return_exceptions=True):
 *         print(outcome)
 * }</pre>
 *
 * <p>Where asyncio raises an {@code ExceptionGroup}, coro4j throws the first failure with the later ones
 * attached as suppressed exceptions, Java's own way to report several (see {@link TaskGroup}).
 */
public final class TaskGroupExample {
    private TaskGroupExample() {}

    /** Works for {@code millis}, then returns a result or, if {@code fails}, throws. */
    @Async
    static String job(String name, int millis, boolean fails) {
        try {
            Coro.sleep(Duration.ofMillis(millis));
            if (fails) {
                System.out.println(name + ": fails");
                throw new IllegalStateException(name + " failed: connection reset");
            }
            System.out.println(name + ": done");
            return name + "'s result";
        } catch (CancellationException e) {
            // A cancel arrives as a CancellationException where the task is suspended: here, in sleep().
            System.out.println(name + ": cancelled");
            throw e; // let it go on, so that the task ends cancelled
        } finally {
            // finally blocks run on every way out: a result, a failure, a cancellation.
            System.out.println(name + ": finally");
        }
    }

    /** Works for 100 ms; when cancelled, tries to roll back its work, and that fails too. */
    @Async
    static String transfer() {
        try {
            Coro.sleep(Duration.ofMillis(100));
            System.out.println("transfer: done");
            return "transfer's result";
        } catch (CancellationException e) {
            System.out.println("transfer: cancelled, rolling back");
            // A failure while handling the cancellation: the task ends failed, not cancelled.
            throw new IllegalStateException("transfer failed: rollback impossible");
        }
    }

    /** The main coroutine, run as the main task by {@link #main(String[])}. */
    @Async
    static void main() {
        System.out.println("== a task group: the first failure cancels the others ==");
        try {
            // The body form, asyncio's `async with TaskGroup() as g:`. TaskGroup.run returns (or throws)
            // only when every task created in the group has ended: no task outlives its group.
            TaskGroup.run(g -> {
                g.createTask(() -> job("fast", 10, false));
                g.createTask(() -> job("broken", 30, true));
                g.createTask(() -> job("slow", 100, false));
                g.createTask(() -> transfer());
                System.out.println("body: four tasks started");
                // The end of the body: the group now waits for its tasks. At 30 ms "broken" fails, and
                // the group cancels "slow" and "transfer" ("fast" has finished already).
            });
            System.out.println("not printed: the group fails");
        } catch (IllegalStateException e) {
            // The first failure, with the later ones suppressed by it. Cancelled tasks are not failures.
            System.out.println("TaskGroup.run threw: " + e.getMessage());
            for (Throwable suppressed : e.getSuppressed()) {
                System.out.println("  suppressed: " + suppressed.getMessage());
            }
        }

        System.out.println("== gatherSettled: no task is cancelled, each outcome is reported ==");
        // asyncio's gather(..., return_exceptions=True): a failure does not end the wait, it becomes an
        // Outcome in the list, in the order the tasks were given.
        List<Outcome<String>> outcomes = Coro.gatherSettled(
                Coro.createTask(() -> job("fast", 10, false)),
                Coro.createTask(() -> job("broken", 30, true)),
                Coro.createTask(() -> job("slow", 100, false)),
                Coro.createTask(() -> transfer()));
        for (Outcome<String> outcome : outcomes) {
            if (outcome.isSuccess()) {
                System.out.println("returned " + outcome.get());
            } else {
                System.out.println("failed with " + outcome.exception().getMessage());
            }
        }
    }

    /** The JVM's entry point: starts an event loop and runs the main coroutine as its first task. */
    public static void main(String[] args) {
        // The cast picks the main() without parameters (this class has two methods named main).
        Coro.run((AsyncRunnable) TaskGroupExample::main);
    }
}
