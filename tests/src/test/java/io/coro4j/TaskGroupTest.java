package io.coro4j;

import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asyncio.TaskGroup, after test_taskgroups.py: both the body form and try-with-resources. On virtual time
 * (@CoroTest), so the order in which the tasks' sleeps end is their deadlines', however loaded the machine.
 */
class TaskGroupTest extends StepRecorder {
    @Async
    static <T> T after(Duration delay, T value) {
        Coro.sleep(delay);
        return value;
    }

    @Async
    static void failAfter(Duration delay, RuntimeException e) {
        Coro.sleep(delay);
        throw e;
    }

    @CoroTest(virtualTime = true)
    void theGroupWaitsForAllItsTasks() throws Exception {
        List<Task<Integer>> tasks = new ArrayList<>();
        TaskGroup.run(g -> {
            tasks.add(g.createTask(() -> after(ms(20), 1)));
            tasks.add(g.createTask(() -> after(ms(5), 2), "second"));
            expect(1);
        });
        expect(2);
        assertEquals(1, tasks.get(0).result());
        assertEquals(2, tasks.get(1).result());
        assertEquals("second", tasks.get(1).getName());
        finish(3);
    }

    @CoroTest(virtualTime = true)
    void tasksOfTheGroupMayAddTasksWhileItWaits() throws Exception {
        Task<?>[] late = new Task<?>[1];
        TaskGroup.run(g -> g.createTask(() -> {
            Coro.sleep(ms(5));
            late[0] = g.createTask(() -> after(ms(10), "late"));
        }));
        assertEquals("late", late[0].result());
    }

    @CoroTest(virtualTime = true)
    void aFailureCancelsTheOtherTasksAndTheBodyAndIsThrown() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<?>[] sibling = new Task<?>[1];
        IllegalStateException e = assertThrowsAsync(IllegalStateException.class, () -> TaskGroup.run(g -> {
            sibling[0] = g.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } catch (CancellationException c) {
                    expect(1); // asyncio's _abort() cancels the siblings first, then the parent
                    throw c;
                }
            });
            g.createTask(() -> failAfter(ms(5), boom));
            try {
                Coro.sleep(FOREVER); // the failure cancels the body here
                expectUnreached();
            } catch (CancellationException c) {
                expect(2);
                throw c;
            }
        }));
        expect(3);
        assertSame(boom, e);
        assertTrue(sibling[0].isCancelled());
        assertEquals(0, Coro.currentTask().cancelling(), "the group withdrew the cancel of its parent");
        Coro.sleep(ZERO); // the parent goes on
        finish(4);
    }

    @CoroTest(virtualTime = true)
    void severalFailuresComeOutTogetherTheFirstWithTheOthersSuppressed() throws Exception {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second");
        IllegalStateException e = assertThrowsAsync(IllegalStateException.class, () -> TaskGroup.run(g -> {
            g.createTask(() -> failAfter(ms(5), first));
            g.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } finally {
                    throw second; // fails while being cancelled: still a failure
                }
            });
        }));
        assertSame(first, e);
        assertArrayEquals(new Throwable[] {second}, e.getSuppressed());
    }

    @CoroTest(virtualTime = true)
    void aCheckedFailureIsWrappedByTheRule() throws Exception {
        CompletionException e = assertThrowsAsync(CompletionException.class, () -> TaskGroup.run(g -> {
            g.createTask(() -> {
                throw new IOException("io");
            });
        }));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @CoroTest(virtualTime = true)
    void aFailureOfTheBodyCancelsTheTasksAndComesAfterTheirs() throws Exception {
        Task<?>[] child = new Task<?>[1];
        IllegalStateException body = new IllegalStateException("body");
        IllegalStateException e = assertThrowsAsync(IllegalStateException.class, () -> TaskGroup.run(g -> {
            child[0] = g.createTask(() -> Coro.sleep(FOREVER));
            Coro.sleep(ZERO);
            throw body;
        }));
        assertSame(body, e);
        assertTrue(child[0].isCancelled());
    }

    @CoroTest(virtualTime = true)
    void cancellingTheParentCancelsTheTasksAndTheCancellationGoesOn() throws Exception {
        List<Task<?>> children = new ArrayList<>();
        Task<Void> parent = Coro.createTask(() -> TaskGroup.run(g -> {
            children.add(g.createTask(() -> Coro.sleep(FOREVER)));
            children.add(g.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } finally {
                    expect(2);
                    Coro.sleep(ms(5)); // cleanup: the group waits for it
                    expect(3);
                }
            }));
            Coro.sleep(FOREVER);
        }));
        Coro.sleep(ZERO);
        Coro.sleep(ZERO); // the children are waiting too
        expect(1);
        parent.cancel("stop");
        CancellationException e = assertThrowsAsync(CancellationException.class, parent::join);
        expect(4);
        assertEquals("stop", e.getMessage());
        for (Task<?> c : children) {
            assertTrue(c.isCancelled(), "no task outlives its group");
        }
        finish(5);
    }

    @CoroTest(virtualTime = true)
    void cancellingTheParentWhileTheGroupWaitsAtItsEnd() throws Exception {
        Task<?>[] child = new Task<?>[1];
        Task<Void> parent = Coro.createTask(() -> TaskGroup.run(g -> {
            child[0] = g.createTask(() -> Coro.sleep(FOREVER));
        }));
        Coro.sleep(ZERO); // the parent waits at the end of the body
        parent.cancel();
        assertThrowsAsync(CancellationException.class, parent::join);
        assertTrue(child[0].isCancelled());
        assertTrue(parent.isCancelled());
    }

    @CoroTest(virtualTime = true)
    void aChildFailingWhileTheParentIsCancelledReportsTheFailure() throws Exception {
        IllegalStateException boom = new IllegalStateException("cleanup failed");
        Task<Void> parent = Coro.createTask(() -> TaskGroup.run(g -> {
            g.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } finally {
                    throw boom;
                }
            });
            Coro.sleep(FOREVER);
        }));
        Coro.sleep(ZERO);
        Coro.sleep(ZERO);
        parent.cancel();
        // asyncio: errors take precedence over the propagated cancellation
        assertSame(boom, assertThrowsAsync(IllegalStateException.class, parent::join));
    }

    @CoroTest(virtualTime = true)
    void aTaskCancelledOnItsOwnIsNotAFailure() throws Exception {
        TaskGroup.run(g -> {
            Task<Void> t = g.createTask(() -> Coro.sleep(FOREVER));
            Task<Integer> ok = g.createTask(() -> after(ms(5), 1));
            Coro.sleep(ZERO);
            t.cancel();
        });
        assertEquals(0, Coro.currentTask().cancelling());
    }

    @CoroTest(virtualTime = true)
    void createTaskIsRefusedWhenShuttingDownOrFinished() throws Exception {
        TaskGroup[] group = new TaskGroup[1];
        assertThrowsAsync(IllegalStateException.class, () -> TaskGroup.run(g -> {
            group[0] = g;
            g.createTask(() -> failAfter(ZERO, new IllegalStateException("x")));
            try {
                Coro.sleep(FOREVER);
            } catch (CancellationException e) {
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> g.createTask(() -> 1));
                assertTrue(refused.getMessage().contains("shutting down"));
                throw e;
            }
        }));
        assertTrue(assertThrows(IllegalStateException.class, () -> group[0].createTask(() -> 1))
                .getMessage().contains("finished"));
        assertEquals("body", assertThrows(NullPointerException.class,
                () -> group[0].createTask((AsyncCallable<Object>) null)).getMessage());
    }

    // ------------------------------------------------------------------------------------------------
    // try-with-resources
    // ------------------------------------------------------------------------------------------------

    @CoroTest(virtualTime = true)
    void tryWithResourcesJoinWaitsForAll() throws Exception {
        Task<Integer> a;
        Task<Integer> b;
        try (TaskGroup g = TaskGroup.open()) {
            a = g.createTask(() -> after(ms(10), 1));
            b = g.createTask(() -> after(ms(5), 2));
            expect(1);
            g.join();
            expect(2);
        }
        expect(3);
        assertEquals(3, a.result() + b.result());
        finish(4);
    }

    @CoroTest(virtualTime = true)
    void tryWithResourcesJoinThrowsTheFailuresAfterCancellingTheOthers() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<?>[] other = new Task<?>[1];
        IllegalStateException e = assertThrowsAsync(IllegalStateException.class, () -> {
            try (TaskGroup g = TaskGroup.open()) {
                other[0] = g.createTask(() -> Coro.sleep(FOREVER));
                g.createTask(() -> failAfter(ms(5), boom));
                g.join();
            }
        });
        assertSame(boom, e);
        assertTrue(other[0].isCancelled());
        assertEquals(0, Coro.currentTask().cancelling(), "this form never cancels the parent");
    }

    @CoroTest(virtualTime = true)
    void anExceptionOfTheBlockMakesCloseCancelTheTasks() throws Exception {
        Task<?>[] child = new Task<?>[1];
        IOException io = new IOException("block");
        IOException e = assertThrowsAsync(IOException.class, () -> {
            try (TaskGroup g = TaskGroup.open()) {
                child[0] = g.createTask(() -> Coro.sleep(FOREVER));
                Coro.sleep(ZERO);
                throw io;
            }
        });
        assertSame(io, e);
        assertTrue(child[0].isCancelled(), "no task outlives its group");
        assertInstanceOf(IllegalStateException.class, e.getSuppressed()[0], "the forgotten join, suppressed");
    }

    @CoroTest(virtualTime = true)
    void aCancelOfTheParentInTheBlockReachesTheTasksThroughClose() throws Exception {
        Task<?>[] child = new Task<?>[1];
        Task<Void> parent = Coro.createTask(() -> {
            try (TaskGroup g = TaskGroup.open()) {
                child[0] = g.createTask(() -> Coro.sleep(FOREVER));
                Coro.sleep(FOREVER);
                g.join();
            }
        });
        Coro.sleep(ZERO);
        parent.cancel();
        assertThrowsAsync(CancellationException.class, parent::join);
        assertTrue(child[0].isCancelled());
    }

    @CoroTest(virtualTime = true)
    void closeWithoutJoinCancelsTheTasksAndSaysSo() throws Exception {
        Task<?>[] child = new Task<?>[1];
        IllegalStateException e = assertThrowsAsync(IllegalStateException.class, () -> {
            try (TaskGroup g = TaskGroup.open()) {
                child[0] = g.createTask(() -> Coro.sleep(FOREVER));
            }
        });
        assertTrue(e.getMessage().contains("join()"), e.getMessage());
        assertTrue(child[0].isCancelled());
        // cancelling the leftovers on purpose is not a forgotten join
        try (TaskGroup g = TaskGroup.open()) {
            g.createTask(() -> Coro.sleep(FOREVER)).cancel();
        }
    }

    @CoroTest(virtualTime = true)
    void joinAndOpenBelongToTheTaskThatOpenedTheGroup() throws Exception {
        TaskGroup g = TaskGroup.open();
        Task<Void> other = Coro.createTask(g::join);
        assertThrowsAsync(IllegalStateException.class, other::join);
        g.join();
        assertThrowsAsync(IllegalStateException.class, g::join);
        g.close(); // after join: nothing
    }

    @Test
    void aGroupNeedsARunningTask() {
        assertThrows(IllegalStateException.class, TaskGroup::open);
    }
}
