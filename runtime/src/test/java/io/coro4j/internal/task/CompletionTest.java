package io.coro4j.internal.task;

import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.ManualClock;
import io.coro4j.protocol.Carrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-shot completion every wait but a sleep and a join is made of: the first transition wins, a
 * second one is refused quietly (try...) or loudly (complete, fail), and a cancel of the waiting task lets
 * go unless the completion passes it on. Runs without the agent: the task's body awaits the completion as
 * its last call, so that its re-run on the resume reaches the same await (the body written to the
 * protocol by hand, as a leaf's caller is).
 */
class CompletionTest {
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

    /** A completion that records when it leaves PENDING, and may pass a cancel on. */
    private final class Recorded extends Completion<String> {
        boolean passCancelOn;

        Recorded(TaskImpl<?> task) {
            super(task, "io.coro4j.Test.wait");
        }

        @Override
        protected boolean onCancel(String message) {
            log.add("onCancel " + message);
            return passCancelOn;
        }

        @Override
        protected void onDone() {
            log.add("onDone");
        }
    }

    /** A task whose body arms {@code made[0]} at its first step and awaits it. */
    private Task<String> waitingTask(Recorded[] made, boolean passCancelOn) {
        return Coro.createTask(() -> {
            if (made[0] == null) {
                made[0] = new Recorded(TaskImpl.current("test"));
                made[0].passCancelOn = passCancelOn;
                made[0].arm();
            }
            return made[0].await();
        }, "waiter");
    }

    @Test
    void theFirstCompletionWinsAndASecondIsRefusedQuietlyOrLoudly() {
        Recorded[] c = new Recorded[1];
        Task<String> t = waitingTask(c, false);
        loop.runOnce();
        assertFalse(c[0].isDone());
        assertEquals("waiting on Test.wait", "waiting on " + c[0].describe());
        assertThrows(IllegalStateException.class, () -> c[0].outcome(), "no outcome while pending");
        assertTrue(c[0].tryComplete("first"));
        assertFalse(c[0].tryComplete("second"));
        assertFalse(c[0].tryFail(new IllegalStateException("late")));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c[0].complete("third"));
        assertTrue(e.getMessage().contains("complete already: only one completion may come"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> c[0].fail(new IllegalStateException("x")));
        loop.runOnce();
        assertEquals("first", t.result());
        assertEquals(List.of("onDone"), log, "onDone runs once");
    }

    @Test
    void aFailureIsThrownByTheRulesOfTask() {
        Recorded[] c = new Recorded[1];
        Task<String> t = waitingTask(c, false);
        loop.runOnce();
        IllegalStateException boom = new IllegalStateException("boom");
        c[0].fail(boom);
        loop.runOnce();
        assertSame(boom, t.exception());
    }

    @Test
    void aCancelOfTheWaitingTaskLetsGoAndLaterCompletionsAreRefused() {
        Recorded[] c = new Recorded[1];
        Task<String> t = waitingTask(c, false);
        loop.runOnce();
        t.cancel("stop");
        assertTrue(c[0].isCancelled());
        assertFalse(c[0].tryComplete("too late"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c[0].complete("bug"));
        assertTrue(e.getMessage().contains("cancelled: only one completion may come"), e.getMessage());
        loop.runOnce();
        assertTrue(t.isCancelled());
        assertEquals("stop", assertThrows(CancellationException.class, t::result).getMessage());
        assertEquals(List.of("onCancel stop", "onDone"), log);
    }

    @Test
    void aCompletionThatPassesTheCancelOnKeepsTheTaskWaiting() {
        Recorded[] c = new Recorded[1];
        Task<String> t = waitingTask(c, true);
        loop.runOnce();
        t.cancel("passed on");
        assertFalse(c[0].isDone(), "still pending: the cancel went elsewhere");
        assertEquals(0, loop.readyCount(), "the task still waits: no step queued");
        c[0].complete("after all");
        loop.runOnce();
        assertEquals("after all", t.result(), "the cancel was taken by what it waits on");
        assertEquals(List.of("onCancel passed on", "onDone"), log);
    }

    @Test
    void onlyTheTaskThatArmedACompletionMayAwaitIt() {
        Recorded[] c = new Recorded[1];
        waitingTask(c, false);
        loop.runOnce();
        Task<String> other = Coro.createTask(() -> c[0].await(), "other");
        loop.runOnce();
        IllegalStateException e = assertThrows(IllegalStateException.class, other::result);
        assertTrue(e.getMessage().contains("which does not wait on it"), e.getMessage());
    }

    @Test
    void aCompletionDoneBeforeItIsAwaitedDoesNotSuspend() {
        Task<String> t = Coro.createTask(() -> {
            Completion<String> c = new Completion<>(TaskImpl.current("test"), "test");
            c.complete("at once"); // never armed: nobody to wake
            return c.await();
        });
        loop.runOnce();
        assertEquals("at once", t.result());
    }
}
