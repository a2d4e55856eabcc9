package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.Timeout;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Deadlines: asyncio's {@code asyncio.timeout} ({@link Coro#withTimeout}, {@link Timeout}), a deadline
 * moved while the work runs ({@code reschedule}), and {@code asyncio.wait_for} ({@link Coro#waitFor}) with
 * a task that honours the cancellation and one that swallows it.
 *
 * <p>The Python original (shortened):
 *
 * <pre>{@code
 * async def main():
 *     try:
 *         async with asyncio.timeout(0.05):
 *             await fetch(0.2)
 *     except TimeoutError:
 *         print('timed out')
 *
 *     async with asyncio.timeout(0.1) as t:
 *         await step(1, 0.05)
 *         t.reschedule(asyncio.get_running_loop().time() + 0.2)
 *         await step(2, 0.1)
 *
 *     try:
 *         await asyncio.wait_for(asyncio.create_task(fetch(0.2)), 0.05)
 *     except TimeoutError:
 *         print('timed out')
 *     print(await asyncio.wait_for(asyncio.create_task(stubborn()), 0.05))
 * }</pre>
 *
 * <p>A deadline cancels the task where it is suspended: the work sees a {@link CancellationException}, its
 * {@code catch} and {@code finally} blocks run, and only at the boundary of the timeout does the
 * cancellation become a {@link TimeoutException}. The deadlines are tens of milliseconds apart from the
 * work's sleeps, so the output is the same at every run on a machine that is not overloaded; its test runs
 * it on virtual time ({@code @CoroTest(virtualTime = true)}), where it always is.
 */
public final class TimeoutExample {
    private TimeoutExample() {}

    /** A slow operation that honours cancellation: it reports it and lets it go on. */
    @Async
    static String fetch(String name, int millis) {
        try {
            Coro.sleep(Duration.ofMillis(millis));
            return name + ": complete result";
        } catch (CancellationException e) {
            System.out.println(name + ": cancelled while it waited");
            throw e;
        }
    }

    /** One step of some work, taking {@code millis}. */
    @Async
    static void step(int number, int millis) {
        Coro.sleep(Duration.ofMillis(millis));
        System.out.println("step " + number + " done");
    }

    /** A task that swallows its cancellation and returns what it has instead. */
    @Async
    static String stubborn() {
        try {
            Coro.sleep(Duration.ofMillis(200));
            return "stubborn: complete result";
        } catch (CancellationException e) {
            System.out.println("stubborn: cancelled, returns what it has instead");
            return "stubborn: partial result";
        }
    }

    /** The main coroutine, run as the main task by {@link #main(String[])}. */
    @Async
    static void main() {
        System.out.println("== withTimeout: a deadline around a slow operation ==");
        try {
            // asyncio's `async with asyncio.timeout(0.05): return await fetch(...)`. The body runs in this
            // task; at the deadline this task is cancelled, and the CancellationException leaving the body
            // becomes a TimeoutException here.
            String result = Coro.withTimeout(Duration.ofMillis(50), () -> fetch("fetch", 200));
            System.out.println("not printed: " + result);
        } catch (TimeoutException e) {
            System.out.println("TimeoutException: " + e.getMessage());
        }

        System.out.println("== Timeout.call: a deadline moved while the work runs ==");
        try {
            // The same scope as an object, to look at and to move: 100 ms from now.
            Timeout timeout = Coro.timeout(Duration.ofMillis(100));
            String result = timeout.call(() -> {
                step(1, 50);
                // Step 2 takes 100 ms: it would overrun the deadline (50 ms left). Move the deadline to
                // 200 ms from now (asyncio's reschedule(loop.time() + 0.2)).
                System.out.println("more time needed: the deadline moves");
                timeout.reschedule(Duration.ofMillis(200));
                step(2, 100);
                return "both steps done";
            });
            System.out.println(result + "; expired: " + timeout.expired());
        } catch (TimeoutException e) {
            System.out.println("not printed: " + e);
        }

        System.out.println("== waitFor: at the deadline the task is cancelled, then waited for ==");
        // asyncio.wait_for: waits for a task at most 50 ms, then cancels it and waits until it has ended.
        Task<String> fetch = Coro.createTask(() -> fetch("query", 200), "query");
        try {
            System.out.println("not printed: " + Coro.waitFor(fetch, Duration.ofMillis(50)));
        } catch (TimeoutException e) {
            System.out.println("TimeoutException: " + e.getMessage() + "; cancelled: " + fetch.isCancelled());
        }

        // A task that swallows the cancellation and returns: waitFor returns that value, no TimeoutException.
        Task<String> stubborn = Coro.createTask(() -> stubborn(), "stubborn");
        try {
            String result = Coro.waitFor(stubborn, Duration.ofMillis(50));
            System.out.println("waitFor returned \"" + result + "\"; cancelled: " + stubborn.isCancelled());
        } catch (TimeoutException e) {
            System.out.println("not printed: " + e);
        }
    }

    /** The JVM's entry point: starts an event loop and runs the main coroutine as its first task. */
    public static void main(String[] args) {
        // The cast picks the main() without parameters (this class has two methods named main).
        Coro.run((AsyncRunnable) TimeoutExample::main);
    }
}
