package io.coro4j.internal.task;

import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.internal.loop.Clock;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.protocol.Carrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a loop's close does to the work other threads handed it: every post is run or refused, and every
 * future handed out completes, exceptionally with "the event loop was closed" when its work cannot run.
 */
class LoopCloseTest {
    private LoopCore loop;

    private io.coro4j.EventLoop open() {
        loop = new LoopCore(Clock.system());
        Carrier.get().setLoop(loop);
        return LoopFacade.of(loop);
    }

    @AfterEach
    void tearDown() {
        Carrier.get().setLoop(null);
        if (loop != null && !loop.isClosed()) {
            loop.close();
        }
    }

    /** The future's failure, which must be there already. */
    private static Throwable failureOf(CompletableFuture<?> future) {
        assertTrue(future.isDone(), "the future completed");
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(0, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void aSubmissionStillInTheInboxWhenTheLoopClosesFailsItsFuture() throws Exception {
        io.coro4j.EventLoop facade = open();
        CompletableFuture<CompletableFuture<Integer>> submitted = new CompletableFuture<>();
        Thread poster = new Thread(() -> submitted.complete(facade.submit(() -> 1)));
        poster.start();
        poster.join();
        loop.close(); // the submission never ran
        Throwable e = failureOf(submitted.get());
        assertInstanceOf(IllegalStateException.class, e);
        assertTrue(e.getMessage().startsWith("the event loop was closed"), e.getMessage());
    }

    @Test
    void aSubmissionStillInTheReadyQueueWhenTheLoopClosesFailsItsFuture() {
        io.coro4j.EventLoop facade = open();
        CompletableFuture<Integer> f = facade.submit(() -> 1); // on the loop thread: straight to the ready queue
        loop.close();
        assertTrue(failureOf(f).getMessage().startsWith("the event loop was closed"));
    }

    @Test
    void aFutureOfATaskStillPendingWhenTheLoopClosesFails() {
        io.coro4j.EventLoop facade = open();
        CompletableFuture<Integer> started = facade.submit(() -> 1);
        loop.runOnce(); // the submission ran: the task's first step is queued
        Task<Integer> task = Coro.createTask(() -> 2, "never run");
        CompletableFuture<Integer> bridged = Coro.toFuture(task);
        loop.close();
        assertTrue(failureOf(started).getMessage().startsWith("the event loop was closed"));
        Throwable e = failureOf(bridged);
        assertTrue(e.getMessage().startsWith("the event loop was closed before never run finished"),
                e.getMessage());
    }

    @Test
    void aFutureWhoseTaskEndedButWasNotYetSettledGetsTheTasksOutcomeAtClose() throws Exception {
        io.coro4j.EventLoop facade = open();
        CompletableFuture<Integer> f = facade.submit(() -> 7);
        loop.runOnce(); // starts the task
        loop.runOnce(); // the task ends; its future is settled at the next turn
        assertFalse(f.isDone());
        loop.close();
        assertEquals(7, f.get(0, TimeUnit.SECONDS));
    }

    @Test
    void aDumpAskedFromAnotherThreadIsAnsweredWhenTheLoopClosesInsteadOfTimingOut() throws Exception {
        io.coro4j.EventLoop facade = open();
        AtomicReference<String> answer = new AtomicReference<>();
        Thread asker = new Thread(() -> answer.set(facade.dumpTasks()));
        asker.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (asker.getState() != Thread.State.TIMED_WAITING) { // waiting for the answer: the query is posted
            if (System.nanoTime() > deadline) {
                fail("the asker never waited: " + asker.getState());
            }
            Thread.onSpinWait();
        }
        long closing = System.nanoTime();
        loop.close();
        asker.join(TimeUnit.SECONDS.toMillis(10));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
        assertTrue(waited < 2_000, "answered " + waited + " ms after the close, not after the 5 s timeout");
        assertTrue(answer.get().endsWith("is closed"), answer.get());
    }

    /**
     * The race: a thread submits as fast as it can while the loop runs a few turns and closes, at a point
     * that moves from round to round. Each submission is refused (IllegalStateException) or its future
     * completes, by the end of the close.
     */
    @Test
    @Timeout(120)
    void submissionsRacingTheCloseAreEachRefusedOrCompleted() throws Exception {
        for (int round = 0; round < 100; round++) {
            io.coro4j.EventLoop facade = open();
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            AtomicInteger posted = new AtomicInteger();
            boolean[] refused = {false};
            Thread poster = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    int n = i;
                    try {
                        futures.add(facade.submit(() -> n));
                    } catch (IllegalStateException e) {
                        refused[0] = true;
                        return;
                    }
                    posted.incrementAndGet();
                }
            });
            poster.start();
            int closeAfter = round * 37 % 1_000;
            while (posted.get() < closeAfter && poster.isAlive()) {
                loop.callSoon(() -> { }); // a turn that does not wait
                loop.runOnce();
            }
            loop.close();
            poster.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(poster.isAlive());
            assertTrue(refused[0] || futures.size() == 2_000, "the poster stops at its first refusal");
            for (CompletableFuture<Integer> f : futures) {
                assertTrue(f.isDone(), "round " + round + ": a future of " + futures.size() + " never completed");
                if (f.isCompletedExceptionally()) {
                    assertTrue(failureOf(f).getMessage().startsWith("the event loop was closed"));
                }
            }
            Carrier.get().setLoop(null);
        }
    }

    @Test
    void postsAfterTheCloseAreRefused() {
        io.coro4j.EventLoop facade = open();
        loop.close();
        assertFalse(loop.offerThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, () -> facade.callSoonThreadsafe(() -> { }));
        assertThrows(IllegalStateException.class, () -> facade.submit(() -> 1));
        assertTrue(facade.dumpTasks().endsWith("is closed"));
    }
}
