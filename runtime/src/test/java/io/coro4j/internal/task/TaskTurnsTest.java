package io.coro4j.internal.task;

import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.ManualClock;
import io.coro4j.protocol.Carrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasks whose bodies never suspend, on a loop driven turn by turn (no agent: the Maven plugin rewrote
 * them at build time): when a new task first runs, when done callbacks run, cancellation before the
 * first step, outcomes and their text.
 */
class TaskTurnsTest {
    private final List<String> log = new ArrayList<>();
    private LoopCore loop;

    @BeforeEach
    void setUp() {
        loop = new LoopCore(new ManualClock());
        Carrier.get().setLoop(loop);
    }

    @AfterEach
    void tearDown() {
        Carrier.get().setLoop(null);
        loop.close();
    }

    private Runnable record(String what) {
        return () -> log.add(what);
    }

    @Test
    void aNewTaskFirstRunsAtTheNextTurnAfterTheCallbacksAlreadyReady() {
        loop.callSoon(record("cb before"));
        Task<Integer> t = Coro.createTask(() -> {
            log.add("task");
            return 1;
        });
        loop.callSoon(record("cb after"));
        assertFalse(t.isDone());
        assertEquals(List.of(), log);
        loop.runOnce();
        assertEquals(List.of("cb before", "task", "cb after"), log);
        assertEquals(1, t.result());
    }

    @Test
    void doneCallbacksRunAsSoonCallbacksInTheOrderAdded() {
        Task<Integer> t = Coro.createTask(() -> {
            log.add("task");
            return 7;
        });
        t.addDoneCallback(x -> log.add("cb1 " + x.result()));
        t.addDoneCallback(x -> log.add("cb2"));
        loop.runOnce();
        assertEquals(List.of("task"), log, "not inside the call that finished the task");
        loop.runOnce();
        assertEquals(List.of("task", "cb1 7", "cb2"), log);

        t.addDoneCallback(x -> log.add("late"));
        assertEquals(3, log.size(), "on a done task: scheduled, not run inline");
        loop.runOnce();
        assertEquals(List.of("task", "cb1 7", "cb2", "late"), log);
    }

    @Test
    void currentTaskIsTheTaskInItsBodyAndNullInACallback() {
        Task<?>[] seen = new Task<?>[2];
        Task<Void> t = Coro.createTask(() -> {
            seen[0] = Coro.currentTask();
        });
        t.addDoneCallback(x -> seen[1] = Coro.currentTask());
        assertNull(Coro.currentTask(), "between steps");
        loop.runOnce();
        loop.runOnce();
        assertSame(t, seen[0]);
        assertNull(seen[1]);
    }

    @Test
    void aTaskCancelledBeforeItsFirstStepEndsCancelledWithoutRunning() {
        Task<Void> t = Coro.createTask(() -> {
            log.add("body ran");
        });
        t.addDoneCallback(x -> log.add("done cb"));
        assertTrue(t.cancel("first"));
        assertTrue(t.cancel("stop"));
        assertFalse(t.isDone(), "delivered at the task's next step");
        assertTrue(t.toString().startsWith("<Task cancelling name='Task-"), t.toString());
        assertThrows(IllegalStateException.class, t::result);
        assertThrows(IllegalStateException.class, t::exception);
        loop.runOnce();
        assertTrue(t.isCancelled());
        assertFalse(t.cancel(), "done: refused");
        assertEquals("stop", assertThrows(CancellationException.class, t::result).getMessage());
        assertEquals("stop", assertThrows(CancellationException.class, t::exception).getMessage());
        assertTrue(t.toString().matches("<Task cancelled name='Task-\\d+'"
                + " coro=<TaskTurnsTest\\.aTaskCancelledBeforeItsFirstStepEndsCancelledWithoutRunning\\(\\) done>>"),
                t.toString());
        loop.runOnce();
        assertEquals(List.of("done cb"), log);
        assertEquals(List.of(), t.getStack());
    }

    @Test
    void aCancelWithoutMessageCarriesNull() {
        Task<Integer> t = Coro.createTask(() -> 1);
        t.cancel();
        loop.runOnce();
        assertNull(assertThrows(CancellationException.class, t::result).getMessage());
    }

    @Test
    void aTaskThatCancelsItselfAndReturnsEndsCancelled() {
        Task<Integer> t = Coro.createTask(() -> {
            Coro.currentTask().cancel("self");
            log.add("went on");
            return 5;
        });
        loop.runOnce();
        assertEquals(List.of("went on"), log);
        assertTrue(t.isCancelled(), "asyncio: cancelled right before the coroutine stopped");
        assertEquals("self", assertThrows(CancellationException.class, t::result).getMessage());
    }

    @Test
    void aBodyThatThrowsCancellationEndsCancelled() {
        Task<Integer> t = Coro.createTask(() -> {
            throw new CancellationException("mine");
        });
        loop.runOnce();
        assertTrue(t.isCancelled());
        CancellationException e = assertThrows(CancellationException.class, t::result);
        assertEquals("mine", e.getMessage());
        assertEquals("mine", e.getCause().getMessage());
    }

    @Test
    void outcomesFollowTheRules() {
        IllegalStateException boom = new IllegalStateException("boom");
        IOException io = new IOException("io");
        Task<Integer> ok = Coro.createTask(() -> 42, "ok");
        Task<String> text = Coro.createTask(() -> "hi", "text");
        Task<Integer> failed = Coro.createTask(() -> {
            throw boom;
        }, "failed");
        Task<Integer> checked = Coro.createTask(() -> {
            throw io;
        }, "checked");
        Task<Void> nothing = Coro.createTask(() -> { }, "nothing");
        loop.runOnce();

        assertEquals(42, ok.result());
        assertNull(ok.exception());
        assertEquals("<Task finished name='ok' coro=<TaskTurnsTest.outcomesFollowTheRules() done> result=42>", ok.toString());
        assertEquals("<Task finished name='text' coro=<TaskTurnsTest.outcomesFollowTheRules() done> result='hi'>", text.toString());
        assertNull(nothing.result());

        assertSame(boom, assertThrows(IllegalStateException.class, failed::result));
        assertSame(boom, failed.exception());
        assertFalse(failed.isCancelled());
        assertEquals("<Task finished name='failed' coro=<TaskTurnsTest.outcomesFollowTheRules() done>"
                + " exception=java.lang.IllegalStateException: boom>", failed.toString());

        CompletionException wrapped = assertThrows(CompletionException.class, checked::result);
        assertSame(io, wrapped.getCause());
        assertSame(io, checked.exception());
    }

    @Test
    void allTasksHoldsOnlyTasksNotDone() {
        Task<Integer> a = Coro.createTask(() -> 1);
        Task<Integer> b = Coro.createTask(() -> 2);
        assertEquals(List.of(a, b), new ArrayList<>(Coro.allTasks()));
        loop.runOnce();
        assertEquals(List.of(), new ArrayList<>(Coro.allTasks()));
        assertEquals(0, loop.tasks().size(), "done tasks leave the registry");
    }

    @Test
    void aDoneCallbackThatThrowsDoesNotStopTheOthers() {
        Task<Integer> t = Coro.createTask(() -> 1);
        t.addDoneCallback(x -> {
            throw new IllegalStateException("callback failure (expected by the test)");
        });
        t.addDoneCallback(x -> log.add("second"));
        loop.runOnce();
        loop.runOnce();
        assertEquals(List.of("second"), log);
    }

    @Test
    void nullArgumentsFailFastNamingTheParameter() {
        assertEquals("body", assertThrows(NullPointerException.class,
                () -> Coro.createTask((io.coro4j.AsyncCallable<Integer>) null)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class,
                () -> Coro.createTask(() -> 1, null)).getMessage());
        Task<Integer> t = Coro.createTask(() -> 1);
        assertEquals("callback", assertThrows(NullPointerException.class,
                () -> t.addDoneCallback(null)).getMessage());
    }

    @Test
    void aVirtualMachineErrorInATaskFailsTheTaskThenStopsTheLoop() {
        OutOfMemoryError oom = new OutOfMemoryError("simulated (expected by the test)");
        Task<Integer> t = Coro.createTask(() -> {
            throw oom;
        });
        t.addDoneCallback(x -> log.add("done callback"));
        loop.callSoon(record("after it"));
        assertSame(oom, assertThrows(OutOfMemoryError.class, loop::runOnce));
        assertSame(oom, t.exception(), "joiners see it as the task's failure");
        loop.runOnce();
        assertEquals(List.of("after it", "done callback"), log);
    }

    @Test
    void aDoneListenerThatThrowsDoesNotKeepTheListenersAfterItFromBeingTold() {
        Task<Integer> t = Coro.createTask(() -> 1, "told");
        TaskImpl<?> task = (TaskImpl<?>) t;
        task.addListener(done -> log.add("first"));
        task.addListener(done -> {
            throw new IllegalStateException("listener failure (expected by the test)");
        });
        task.addListener(done -> log.add("third"));
        loop.runOnce();
        assertEquals(List.of("first", "third"), log);
    }
}
