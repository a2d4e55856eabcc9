package io.coro4j;

import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code Coro.run}, {@code createTask}, {@code currentTask}, {@code allTasks}, names and misuse. */
class CoroRunTest extends StepRecorder {
    @Async
    static int twice(int x) {
        Coro.sleep(ZERO);
        return 2 * x;
    }

    @Test
    void runReturnsTheResultOfMain() {
        assertEquals(42, Coro.run(() -> twice(21)));
        assertEquals(6, Coro.run(() -> CoroRunTest.twice(3)));
    }

    @Test
    void runRethrowsUncheckedAsItWasThrownAndWrapsChecked() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            Coro.sleep(ZERO);
            throw boom;
        })));
        IOException io = new IOException("io");
        CompletionException e = assertThrows(CompletionException.class, () -> Coro.run(() -> {
            Coro.sleep(ZERO);
            throw io;
        }));
        assertSame(io, e.getCause());
    }

    @Test
    void runOfACancelledMainThrowsCancellation() {
        CancellationException e = assertThrows(CancellationException.class, () -> Coro.run(() -> {
            Coro.currentTask().cancel("main cancelled");
            Coro.sleep(FOREVER);
        }));
        assertEquals("main cancelled", e.getMessage());
    }

    @Test
    void runCancelsTheTasksLeftAndTheirFinallyBlocksRun() {
        List<String> log = new ArrayList<>();
        Task<?>[] left = new Task<?>[2];
        long start = System.nanoTime();
        Coro.run(() -> {
            left[0] = Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } finally {
                    log.add("a finally");
                }
            });
            left[1] = Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } catch (CancellationException e) {
                    Coro.sleep(ms(10)); // may still suspend while it cleans up
                    log.add("b cleaned up");
                    return "swallowed";
                }
                return "slept";
            });
            Coro.sleep(ZERO); // both start and sleep; main ends
        });
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
        assertEquals(List.of("a finally", "b cleaned up"), log);
        assertTrue(left[0].isCancelled());
        assertFalse(left[1].isCancelled());
        assertEquals("swallowed", left[1].result());
    }

    @Test
    void nestedRunIsRefused() {
        Coro.run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.run(() -> 1));
            assertTrue(e.getMessage().contains("Coro.run"), e.getMessage());
            Coro.sleep(ZERO); // the loop still works
        });
        assertEquals(1, Coro.run(() -> 1), "and a later run on the same thread works");
    }

    @Test
    void runsOnTwoThreadsAreIndependent() throws Exception {
        int[] other = new int[1];
        Thread t = new Thread(() -> other[0] = Coro.run(() -> twice(5)));
        t.start();
        int mine = Coro.run(() -> {
            Coro.sleep(ms(20));
            return twice(7);
        });
        t.join();
        assertEquals(14, mine);
        assertEquals(10, other[0]);
    }

    @Test
    void currentTaskIsTheRunningTaskAndNullInACallback() {
        Coro.run(() -> {
            Task<?> main = Coro.currentTask();
            Task<?>[] seen = new Task<?>[2];
            Task<Void> child = Coro.createTask(() -> {
                Coro.sleep(ZERO);
                seen[0] = Coro.currentTask();
            });
            child.addDoneCallback(t -> seen[1] = Coro.currentTask());
            child.join();
            assertSame(main, Coro.currentTask());
            assertSame(child, seen[0]);
            Coro.sleep(ZERO);
            assertNull(seen[1], "a plain callback runs in no task");
        });
    }

    @Test
    void withoutALoopCurrentTaskAllTasksAndCreateTaskThrow() {
        assertThrows(IllegalStateException.class, Coro::currentTask);
        assertThrows(IllegalStateException.class, Coro::allTasks);
        assertThrows(IllegalStateException.class, () -> Coro.createTask(() -> 1));
        assertThrows(IllegalStateException.class, () -> Coro.createTask(() -> { }, "x"));
    }

    @Test
    void anAsyncMethodCalledOutsideACoroutineThrowsNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.sleep(ZERO));
        assertTrue(e.getMessage().contains("sleep") && e.getMessage().contains("Coro.run"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> twice(1));
    }

    @Test
    void nullArgumentsFailFastNamingTheParameter() {
        assertEquals("main", assertThrows(NullPointerException.class,
                () -> Coro.run((AsyncCallable<Integer>) null)).getMessage());
        assertEquals("main", assertThrows(NullPointerException.class,
                () -> Coro.run((AsyncRunnable) null)).getMessage());
        Coro.run(() -> {
            assertEquals("body", assertThrows(NullPointerException.class,
                    () -> Coro.createTask((AsyncRunnable) null)).getMessage());
            try {
                Coro.sleep(null);
                expectUnreached();
            } catch (NullPointerException e) {
                assertEquals("delay", e.getMessage());
            }
            try {
                Coro.await(null);
                expectUnreached();
            } catch (NullPointerException e) {
                assertEquals("stage", e.getMessage());
            }
            try {
                Coro.waitFor(null, ZERO);
                expectUnreached();
            } catch (NullPointerException e) {
                assertEquals("task", e.getMessage());
            }
        });
    }

    @Test
    void unnamedTasksAreNumberedFromOneCounterAndNamedOnesTakeNoNumber() {
        Coro.run(() -> {
            String mainName = Coro.currentTask().getName();
            assertTrue(mainName.matches("Task-\\d+"), mainName);
            int n = Integer.parseInt(mainName.substring("Task-".length()));
            Task<Integer> a = Coro.createTask(() -> 1);
            Task<Integer> named = Coro.createTask(() -> 2, "named");
            Task<Void> b = Coro.createTask(() -> { });
            assertEquals("Task-" + (n + 1), a.getName());
            assertEquals("named", named.getName());
            assertEquals("Task-" + (n + 2), b.getName());
            b.setName("renamed");
            assertEquals("renamed", b.getName());
            Coro.gather(a, named, b);
        });
    }

    @Test
    void theMainTaskOfTheFirstRunInAProcessIsTask1() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        // surefire's own class path is a manifest-only jar; it also gives the real one
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(FreshProcessMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child process did not end");
        assertTrue(out.toString().contains("main task: Task-1\n"), out.toString());
        assertTrue(out.toString().contains("next: Task-2\n"), out.toString());
    }

    /** Run in a fresh JVM by the test above. */
    public static final class FreshProcessMain {
        public static void main(String[] args) {
            Coro.run(() -> {
                System.out.println("main task: " + Coro.currentTask().getName());
                System.out.println("next: " + Coro.createTask(() -> 1).getName());
                Coro.sleep(ZERO);
            });
        }
    }

    @CoroTest(virtualTime = true)
    void allTasksIsANewSetOfTheTasksNotDoneInCreationOrder() throws Exception {
        Task<?> main = Coro.currentTask();
        Task<Void> a = Coro.createTask(() -> Coro.sleep(ms(20)));
        Task<Void> b = Coro.createTask(() -> Coro.sleep(ms(40)));
        Task<Integer> quick = Coro.createTask(() -> 1);
        Coro.sleep(ZERO);
        Set<Task<?>> all = Coro.allTasks();
        assertEquals(List.of(main, a, b), new ArrayList<>(all), "quick is done");
        all.clear();
        assertEquals(3, Coro.allTasks().size(), "a new set each call");
        a.join();
        assertEquals(List.of(main, b), new ArrayList<>(Coro.allTasks()));
        b.join();
        assertEquals(Set.of(main), Coro.allTasks());
        assertTrue(quick.isDone());
    }
}
