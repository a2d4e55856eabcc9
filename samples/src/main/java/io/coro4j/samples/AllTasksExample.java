package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts ten tasks, then lists every task of the event loop: asyncio's {@code all_tasks()}.
 *
 * <p>The Python original:
 *
 * <pre>{@code
 * async def task_coroutine(value):
 *     print(f'task {value} is running')
 *     await asyncio.sleep(1)
 *
 * async def main():
 *     print('main coroutine started')
 *     started_tasks = [asyncio.create_task(task_coroutine(i)) for i in range(10)]
 *     await asyncio.sleep(0.1)
 *     for task in asyncio.all_tasks():
 *         print(f'> {task.get_name()}, {task.get_coro()}')
 *     for task in started_tasks:
 *         await task
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>It prints the ten tasks' greetings, then eleven lines {@code > Task-N, coroutine}: the main task
 * ({@code Task-1}, running {@code main}) and the ten it started ({@code Task-2} to {@code Task-11},
 * running {@code taskCoroutine}). Unlike Python's set, the set is in the order the tasks were created.
 */
public final class AllTasksExample {
    private AllTasksExample() {}

    /** The coroutine each of the ten tasks runs: says hello, then sleeps for a second. */
    @Async
    static void taskCoroutine(int value) {
        System.out.println("task " + value + " is running");
        // Suspends this task; the event loop runs the others meanwhile.
        Coro.sleep(Duration.ofSeconds(1));
    }

    /** The main coroutine, run as the main task by {@link #main(String[])}. */
    @Async
    static void main() {
        System.out.println("main coroutine started");

        // Start ten tasks. Each one first runs when this coroutine lets the loop run others.
        List<Task<Void>> started = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int value = i; // a lambda captures effectively final variables only
            started.add(Coro.createTask(() -> taskCoroutine(value)));
        }

        // Suspend for a moment: the ten tasks run until their own sleep.
        Coro.sleep(Duration.ofMillis(100));

        // Every task that is not done yet, this one included.
        for (Task<?> task : Coro.allTasks()) {
            System.out.println("> " + task.getName() + ", " + task.getCoro());
        }

        // Wait for the ten tasks to finish (Python's `await task`). A plain for loop, not
        // started.forEach(Task::join): a Consumer is not a coroutine and cannot suspend.
        for (Task<Void> task : started) {
            task.join();
        }
    }

    /** The JVM's entry point: starts an event loop and runs the main coroutine as its first task. */
    public static void main(String[] args) {
        // The cast picks the main() without parameters: this class has two methods named main, so
        // without it javac could not tell which one, nor which Coro.run, the reference means.
        Coro.run((AsyncRunnable) AllTasksExample::main);
    }
}
