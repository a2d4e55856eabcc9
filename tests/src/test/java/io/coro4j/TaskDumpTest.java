package io.coro4j;

import io.coro4j.internal.debug.LoopQuery;
import io.coro4j.sync.Lock;
import io.coro4j.sync.Queue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The task dump ({@code Coro.dumpTasks}, {@code EventLoop.dumpTasks}): every pending task with its repr,
 * its state, what it waits on, and its suspended stack; from the loop's own thread and from others, and
 * what a thread asking a blocked or closed loop gets.
 */
class TaskDumpTest extends StepRecorder {
    private static int sleeperLine;

    @Async
    static void sleeper() {
        sleeperLine = new Throwable().getStackTrace()[0].getLineNumber(); Coro.sleep(FOREVER);
    }

    @Async
    static void joiner(Task<Void> other) {
        other.join();
    }

    @Async
    static void locker(Lock lock) {
        lock.acquire();
        fail("the lock is never released");
    }

    /** The block of the dump that starts with the repr of the pending task named {@code name}. */
    private static String block(String dump, String name) {
        for (String block : dump.split("\n\n")) {
            if (block.matches("(?s)<Task (pending|cancelling) name='" + name + "'.*")) {
                return block;
            }
        }
        throw new AssertionError("no task " + name + " in\n" + dump);
    }

    private static String stateOf(String block) {
        String[] lines = block.split("\n");
        assertTrue(lines[1].startsWith("   state: "), block);
        return lines[1].substring("   state: ".length());
    }

    @Test
    void theDumpShowsEveryPendingTaskItsStateWhatItWaitsOnAndItsStack() {
        Coro.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Queue<String> queue = new Queue<>();
            CompletableFuture<String> stage = new CompletableFuture<>();
            Task<Void> sleeper = Coro.createTask(TaskDumpTest::sleeper, "sleeper");
            Task<Void> joiner = Coro.createTask(() -> joiner(sleeper), "joiner");
            Task<Void> second = Coro.createTask(TaskDumpTest::sleeper, "second");
            Task<List<Void>> gatherer = Coro.createTask(() -> Coro.gather(sleeper, second), "gatherer");
            Task<String> awaiter = Coro.createTask(() -> Coro.await(stage), "awaiter");
            Task<Void> locker = Coro.createTask(() -> locker(lock), "locker");
            Task<String> getter = Coro.createTask(queue::get, "getter");
            Coro.sleep(ZERO);
            Task<Void> fresh = Coro.createTask(TaskDumpTest::sleeper, "fresh");
            fresh.cancel("not now");

            String dump = Coro.dumpTasks();
            String[] lines = dump.split("\n");
            assertTrue(lines[0].matches("Task dump of the event loop of thread \"" + Thread.currentThread().getName()
                    + "\": 9 pending tasks, \\d+ callbacks? ready, \\d+ timers?"), lines[0]);
            assertEquals("", lines[1]);

            String main = dump.split("\n\n")[1];
            assertTrue(main.startsWith("<Task pending name='Task-"), main);
            assertTrue(main.contains(" coro=<TaskDumpTest.theDumpShowsEveryPendingTaskItsStateWhatItWaitsOnAndItsStack()"
                    + " running at TaskDumpTest.java:"), main);
            assertEquals("running", stateOf(main));
            assertTrue(main.contains("\n\tat io.coro4j.Coro.dumpTasks(Coro.java:"), main);

            String s = block(dump, "sleeper");
            assertEquals("<Task pending name='sleeper' coro=<TaskDumpTest.sleeper() running at TaskDumpTest.java:"
                    + sleeperLine + ">>", s.split("\n")[0]);
            // 60.000 when under half a millisecond has passed since the sleep was set
            assertTrue(stateOf(s).matches("waiting on sleep, (59\\.\\d{3}|60\\.000) s left"), s);
            assertTrue(s.split("\n")[2].startsWith("\tat io.coro4j.Coro.sleep(Coro.java:"), s);
            assertEquals("\tat io.coro4j.TaskDumpTest.sleeper(TaskDumpTest.java:" + sleeperLine + ")", s.split("\n")[3]);

            assertEquals("waiting on task 'sleeper'", stateOf(block(dump, "joiner")));
            assertTrue(block(dump, "joiner").contains("\n\tat io.coro4j.TaskDumpTest.joiner(TaskDumpTest.java:"));
            assertEquals("waiting on gather of 'sleeper', 'second' (0 done)", stateOf(block(dump, "gatherer")));
            assertEquals("waiting on CompletionStage " + stage, stateOf(block(dump, "awaiter")));
            assertEquals("waiting on Lock.acquire", stateOf(block(dump, "locker")));
            assertTrue(block(dump, "locker").contains("\n\tat io.coro4j.TaskDumpTest.locker(TaskDumpTest.java:"));
            assertEquals("waiting on Queue.get", stateOf(block(dump, "getter")));
            assertEquals("scheduled, not started, cancel requested", stateOf(block(dump, "fresh")));
            assertEquals(2, block(dump, "fresh").split("\n").length, "no stack before its first step");

            for (Task<?> t : List.of(sleeper, joiner, second, gatherer, awaiter, locker, getter)) {
                t.cancel();
            }
            for (int i = 0; i < 10 && Coro.allTasks().size() > 1; i++) {
                Coro.sleep(ZERO);
            }
            assertTrue(Coro.dumpTasks().startsWith("Task dump of the event loop of thread \""
                    + Thread.currentThread().getName() + "\": 1 pending task, "), Coro.dumpTasks());
        });
    }

    @Test
    void anotherThreadGetsTheDumpTakenOnTheLoopBetweenSteps() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            Task<Void> sleeper = Coro.createTask(TaskDumpTest::sleeper, "sleeper");
            Coro.sleep(ZERO);
            String dump = Coro.toThread(loop::dumpTasks);
            assertTrue(dump.startsWith("Task dump of the event loop of thread \"" + Thread.currentThread().getName()
                    + "\": 2 pending tasks"), dump);
            assertTrue(stateOf(dump.split("\n\n")[1]).startsWith("waiting on CompletionStage "),
                    "main waits for the thread that asked: " + dump);
            assertTrue(stateOf(block(dump, "sleeper")).startsWith("waiting on sleep, "), dump);
            sleeper.cancel();
        });
    }

    @Test
    void aBlockedLoopAnswersWithItsThreadsStack() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            Thread loopThread = Thread.currentThread();
            BiPredicate<Runnable, Runnable> post = (r, refused) -> {
                loop.callSoonThreadsafe(r);
                return true;
            };
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(
                    () -> LoopQuery.ask(loopThread, post, () -> "answered", ms(200)));
            String text = answer.join(); // blocks the loop: the question cannot run
            assertTrue(text.startsWith("the event loop of thread \"" + loopThread.getName()
                    + "\" did not answer within 200 ms: a callback or task step blocks it"), text);
            assertTrue(text.contains("\n\tat io.coro4j.TaskDumpTest.lambda$"), "where it blocks: " + text);
        });
    }

    @Test
    void aClosedLoopSaysSo() throws Exception {
        EventLoop[] loop = new EventLoop[1];
        Coro.run(() -> {
            loop[0] = Coro.getRunningLoop();
        });
        String expected = "the event loop of thread \"" + Thread.currentThread().getName() + "\" is closed";
        assertEquals(expected, loop[0].dumpTasks());
        assertEquals(expected, CompletableFuture.supplyAsync(loop[0]::dumpTasks).get());
        assertThrows(IllegalStateException.class, Coro::dumpTasks, "no loop runs here");
    }
}
