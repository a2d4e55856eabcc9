package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.sync.Queue;
import io.coro4j.sync.QueueShutDownException;

import java.time.Duration;

/**
 * Producers and consumers around a bounded queue: asyncio's {@code asyncio.Queue}, with {@code join()}
 * to wait until every item is processed and {@code shutdown()} (Python 3.13) to stop the consumers.
 *
 * <p>The Python original, without most of its prints:
 *
 * <pre>{@code
 * async def producer(name, queue):
 *     for i in range(1, 3):
 *         await queue.put(f'{name}{i}')          # waits while the queue is full
 *
 * async def consumer(name, queue):
 *     try:
 *         while True:
 *             item = await queue.get()           # waits while the queue is empty
 *             await asyncio.sleep(0.1)           # processing takes a while
 *             queue.task_done()
 *     except asyncio.QueueShutDown:
 *         print(f'{name} stops: the queue is shut down')
 *
 * async def main():
 *     queue = asyncio.Queue(maxsize=2)
 *     consumers = [asyncio.create_task(consumer(n, queue)) for n in ('consumer-1', 'consumer-2')]
 *     await asyncio.gather(producer('a', queue), producer('b', queue))
 *     await queue.join()                         # every item put has been marked done
 *     queue.shutdown()                           # no more items: the consumers' get() raises QueueShutDown
 *     await asyncio.gather(*consumers)
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>The queue holds two items at most, so producer {@code b} finds it full and waits in {@code put} until a
 * consumer takes an item. Every step is ordered by the queue (its waiters are served first come, first
 * served) and by the order in which the consumers started their equal sleeps, and the sleeps are long
 * (100 ms) beside everything else the tasks do, so the output is the same at every run, even on a
 * loaded machine (with 30 ms, a JVM still cold and starved of CPU could let a consumer's sleep end
 * before the main task printed its line). Its test runs it on virtual time
 * ({@code @CoroTest(virtualTime = true)}), where no load can reorder it.
 */
public final class ProducerConsumerExample {
    private ProducerConsumerExample() {}

    /** Puts two items in the queue, waiting for room when it is full. */
    @Async
    static void producer(String name, Queue<String> queue) {
        for (int i = 1; i <= 2; i++) {
            String item = name + i;
            if (queue.isFull()) {
                System.out.println(name + " waits for room to put " + item);
            }
            // Suspends this task while the queue is full; the first waiting producer gets the first slot.
            queue.put(item);
            System.out.println(name + " put " + item + " (" + queue.qsize() + " in the queue)");
        }
    }

    /** Takes items and processes them until the queue is shut down. */
    @Async
    static void consumer(String name, Queue<String> queue) {
        try {
            while (true) {
                // Suspends this task while the queue is empty. Once the queue is shut down and empty, it
                // throws QueueShutDownException, which is how the consumer learns that no item will come.
                String item = queue.get();
                System.out.println(name + " processes " + item);
                Coro.sleep(Duration.ofMillis(100)); // the work: the loop runs the other tasks meanwhile
                // One item fully processed: queue.join() returns once every item put is marked done.
                queue.taskDone();
            }
        } catch (QueueShutDownException e) {
            System.out.println(name + " stops: the queue is shut down");
        }
    }

    /** The main coroutine, run as the main task by {@link #main(String[])}. */
    @Async
    static void main() {
        // At most two items wait in the queue (asyncio's Queue(maxsize=2)).
        Queue<String> queue = new Queue<>(2);

        // The consumers start first: they find the queue empty and wait in get().
        Task<Void> consumer1 = Coro.createTask(() -> consumer("consumer-1", queue));
        Task<Void> consumer2 = Coro.createTask(() -> consumer("consumer-2", queue));

        // The producers run until they have put all their items.
        Task<Void> producerA = Coro.createTask(() -> producer("a", queue));
        Task<Void> producerB = Coro.createTask(() -> producer("b", queue));
        Coro.gather(producerA, producerB);
        System.out.println("main: every item is put; waiting until they are processed");

        // Waits until taskDone() was called once for each item put.
        queue.join();
        System.out.println("main: every item is processed; shutting the queue down");

        // Python 3.13's shutdown(): puts fail from now on, and gets fail once the queue is empty, which it
        // is. The consumers waiting in get() are woken to see it. (shutdown(true) would also drop the
        // items left in the queue.)
        queue.shutdown();
        Coro.gather(consumer1, consumer2);
        System.out.println("main: done");
    }

    /** The JVM's entry point: starts an event loop and runs the main coroutine as its first task. */
    public static void main(String[] args) {
        // The cast picks the main() without parameters (this class has two methods named main).
        Coro.run((AsyncRunnable) ProducerConsumerExample::main);
    }
}
