package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.sync.Lock;
import io.coro4j.sync.Queue;
import java.time.Duration;

/**
 * Seeing inside a running program: a task dump lists every pending task, what it waits for and
 * where it is suspended, with your source lines. The same dump is a JMX operation
 * ({@code io.coro4j:type=EventLoop,name=main}, operation {@code dumpTasks}) that jconsole or jmc can
 * take from a live process; docs/debugging.md shows how.
 */
public final class TaskDumpExample {
    private TaskDumpExample() {}

    /** Sleeps, as a task that waits for a timer. */
    @Async
    static void sleeper() {
        Coro.sleep(Duration.ofSeconds(30));
    }

    /** Waits for another task. */
    @Async
    static void joiner(Task<?> other) throws Exception {
        other.join();
    }

    /** Waits for an item that never comes. */
    @Async
    static void consumer(Queue<String> queue) {
        String item = queue.get();
        System.out.println("never printed: " + item);
    }

    /** Waits for a lock that main holds. */
    @Async
    static void locker(Lock lock) {
        lock.acquire();
        lock.release();
    }

    @Async
    static void main() throws Exception {
        Lock lock = new Lock();
        lock.acquire(); // main holds the lock, so the locker below waits for it
        Queue<String> queue = new Queue<>(0);
        Task<Void> sleeper = Coro.createTask(TaskDumpExample::sleeper, "sleeper");
        Coro.createTask(() -> joiner(sleeper), "joiner");
        Coro.createTask(() -> consumer(queue), "consumer");
        Coro.createTask(() -> locker(lock), "locker");

        Coro.sleep(Duration.ofMillis(50)); // let them all start and suspend
        System.out.println(Coro.dumpTasks());

        // the sleeper's stack, as asyncio's Task.print_stack() shows it
        sleeper.printStack(System.out);
        lock.release();
        // returning ends the program: Coro.run cancels the tasks still pending
    }

    public static void main(String[] args) {
        Coro.run((AsyncRunnable) TaskDumpExample::main);
    }
}
