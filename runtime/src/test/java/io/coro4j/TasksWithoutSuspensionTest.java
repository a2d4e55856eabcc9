package io.coro4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task machinery with bodies that never suspend: these run without the agent (the runtime module's
 * tests run without it, their classes rewritten at build time by the Maven plugin). Everything that
 * suspends is tested in the tests module, under the agent.
 */
class TasksWithoutSuspensionTest {
    @Test
    void runReturnsTheResultOfMain() {
        assertEquals(42, Coro.run(() -> 42));
        List<String> log = new ArrayList<>();
        Coro.run(() -> {
            log.add("ran");
        });
        assertEquals(List.of("ran"), log);
    }

    @Test
    void runRethrowsUncheckedAsIsAndWrapsChecked() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            throw boom;
        })));
        IOException io = new IOException("io");
        CompletionException wrapped = assertThrows(CompletionException.class, () -> Coro.run(() -> {
            throw io;
        }));
        assertSame(io, wrapped.getCause());
        AssertionError error = new AssertionError("error");
        assertSame(error, assertThrows(AssertionError.class, () -> Coro.run(() -> {
            throw error;
        })));
    }

    @Test
    void nestedRunIsRefusedAndTheLoopIsUnregisteredAfterwards() {
        IllegalStateException e = Coro.run(() -> assertThrows(IllegalStateException.class,
                () -> Coro.run(() -> 1)));
        assertTrue(e.getMessage().contains("Coro.run"), e.getMessage());
        assertThrows(IllegalStateException.class, Coro::currentTask);
        assertThrows(IllegalStateException.class, Coro::allTasks);
        assertThrows(IllegalStateException.class, () -> Coro.createTask(() -> 1));
        assertEquals(2, Coro.run(() -> 2), "a new run works after the last one ended");
    }

    @Test
    void namesComeFromOneCounterAndNamedTasksTakeNoNumber() {
        String[] names = Coro.run(() -> {
            Task<?> a = Coro.createTask(() -> 1);
            Task<?> b = Coro.createTask(() -> 2, "given");
            Task<?> c = Coro.createTask(() -> { });
            return new String[] {Coro.currentTask().getName(), a.getName(), b.getName(), c.getName()};
        });
        int main = Integer.parseInt(names[0].substring("Task-".length()));
        assertEquals("Task-" + (main + 1), names[1]);
        assertEquals("given", names[2]);
        assertEquals("Task-" + (main + 2), names[3]);
    }

    @Test
    void setNameRenames() {
        Coro.run(() -> {
            Task<?> me = Coro.currentTask();
            me.setName("renamed");
            assertEquals("renamed", me.getName());
            assertThrows(NullPointerException.class, () -> me.setName(null));
        });
    }

    @Test
    void allTasksListsTheTasksNotDoneInCreationOrder() {
        Coro.run(() -> {
            Task<?> me = Coro.currentTask();
            Task<Integer> a = Coro.createTask(() -> 1);
            Task<Integer> b = Coro.createTask(() -> 2);
            Set<Task<?>> all = Coro.allTasks();
            assertEquals(List.of(me, a, b), new ArrayList<>(all));
            all.clear(); // a new set each time
            assertEquals(3, Coro.allTasks().size());
        });
    }

    @Test
    void getCoroNamesTheBodyWithoutTheAgent() {
        Coro.run(() -> {
            Task<?> me = Coro.currentTask();
            assertEquals("TasksWithoutSuspensionTest.getCoroNamesTheBodyWithoutTheAgent", me.getCoro().toString());
            Task<Integer> named = Coro.createTask(new Answer());
            assertEquals("Answer.call", named.getCoro().toString());
            assertEquals("TasksWithoutSuspensionTest.getCoroNamesTheBodyWithoutTheAgent",
                    Coro.createTask(() -> { }).getCoro().toString());
        });
    }

    @Test
    void toStringOfTheRunningTaskSaysWhereItRuns() {
        String text = Coro.run(() -> Coro.currentTask().toString());
        assertTrue(text.matches("<Task pending name='Task-\\d+'"
                + " coro=<TasksWithoutSuspensionTest\\.toStringOfTheRunningTaskSaysWhereItRuns\\(\\)"
                + " running at TasksWithoutSuspensionTest\\.java:\\d+>>"), text);
        List<StackTraceElement> stack = Coro.run(() -> Coro.currentTask().getStack());
        assertEquals(1, stack.size(), stack.toString());
        assertEquals(TasksWithoutSuspensionTest.class.getName(), stack.get(0).getClassName());
        assertTrue(stack.get(0).getMethodName().startsWith("lambda$"), stack.toString());
    }

    @Test
    void runEndsOneTurnAfterMainAndCancelsWhatIsLeftWithoutRunningIt() {
        List<String> log = new ArrayList<>();
        Task<?>[] tasks = new Task<?>[2];
        Coro.run(() -> {
            // like asyncio.run: the loop stops at the turn after main ends, so `a` (already scheduled)
            // still runs in that turn; `late`, scheduled by `a`, is left pending and is cancelled
            tasks[0] = Coro.createTask(() -> {
                log.add("a runs");
                tasks[1] = Coro.createTask(() -> {
                    log.add("late runs");
                });
            });
            log.add("main ends");
        });
        assertEquals(List.of("main ends", "a runs"), log);
        assertTrue(tasks[0].isDone() && !tasks[0].isCancelled());
        assertTrue(tasks[1].isCancelled());
    }

    static final class Answer implements AsyncCallable<Integer> {
        @Override
        public Integer call() {
            return 42;
        }
    }

    @Test
    void aVirtualMachineErrorOfAnyTaskEndsRun() {
        OutOfMemoryError oom = new OutOfMemoryError("simulated (expected by the test)");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Coro.run(() -> {
            Coro.createTask(() -> {
                throw oom;
            });
            return 1;
        })));
        assertEquals(2, Coro.run(() -> 2), "the loop was closed and unregistered: a new one runs");
    }
}
