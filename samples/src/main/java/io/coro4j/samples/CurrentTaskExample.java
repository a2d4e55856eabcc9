package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Task;

/**
 * Gets the task that runs the current coroutine and prints it: asyncio's {@code current_task()}.
 *
 * <p>The Python original:
 *
 * <pre>{@code
 * async def main():
 *     print('main coroutine started')
 *     task = asyncio.current_task()
 *     print(task)
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>It prints something like:
 *
 * <pre>{@code
 * main coroutine started
 * <Task pending name='Task-1' coro=<CurrentTaskExample.main() running at CurrentTaskExample.java:43>>
 * }</pre>
 */
public final class CurrentTaskExample {
    private CurrentTaskExample() {}

    /**
     * The main coroutine. {@code @Async} marks it as a coroutine method: the agent rewrites it so that it
     * can suspend and resume. It takes no parameters, so it does not clash with the JVM's
     * {@code main(String[])} below, and the task shows it as {@code main}.
     */
    @Async
    static void main() {
        System.out.println("main coroutine started");
        // The task that is running this coroutine: the main task, which Coro.run created for us.
        Task<?> task = Coro.currentTask();
        // Its name (Task-1: the first task of the process), its state, and the line it is running at.
        System.out.println(task);
    }

    /** The JVM's entry point: starts an event loop and runs the main coroutine as its first task. */
    public static void main(String[] args) {
        // The cast picks the main() without parameters: this class has two methods named main, so
        // without it javac could not tell which one, nor which Coro.run, the reference means.
        Coro.run((AsyncRunnable) CurrentTaskExample::main);
    }
}
