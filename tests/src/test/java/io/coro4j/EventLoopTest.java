package io.coro4j;

import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The public loop (asyncio's loop methods) and the ways between threads and the loop. */
class EventLoopTest extends StepRecorder {
    @Test
    void getRunningLoopIsOneObjectPerLoopAndNeedsALoop() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            assertSame(loop, Coro.getRunningLoop());
            assertTrue(loop.isRunning());
            assertFalse(loop.isClosed());
        });
        assertThrows(IllegalStateException.class, Coro::getRunningLoop);
    }

    @Test
    void callSoonRunsInOrderAtTheNextTurnAndCanBeCancelled() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            loop.callSoon(() -> expect(2));
            Handle cancelled = loop.callSoon(this::expectUnreached);
            loop.callSoon(() -> expect(3));
            cancelled.cancel();
            assertTrue(cancelled.isCancelled());
            expect(1);
            Coro.sleep(ZERO);
            expect(4);
        });
        finish(5);
    }

    @CoroTest(virtualTime = true)
    void timersRunByTimeThenByTheOrderSet() throws Exception {
        EventLoop loop = Coro.getRunningLoop();
        loop.callLater(ms(20), () -> expect(4));
        loop.callLater(ms(10), () -> expect(2));
        TimerHandle dropped = loop.callLater(ms(10), this::expectUnreached);
        loop.callAt(loop.time() + TimeUnit.MILLISECONDS.toNanos(10), () -> expect(3));
        assertTrue(dropped.when() > loop.time());
        dropped.cancel();
        expect(1);
        Coro.sleep(ms(40));
        expect(5);
        finish(6);
    }

    @Test
    void loopOnlyMethodsRefuseOtherThreads() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            Coro.toThread(() -> {
                try {
                    loop.callSoon(() -> { });
                } catch (IllegalStateException e) {
                    failure.set(e);
                }
                return null;
            });
        });
        assertTrue(failure.get().getMessage().contains("callSoonThreadsafe"), failure.get().getMessage());
    }

    @Test
    void callSoonThreadsafeWakesTheLoopFromAnotherThread() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            CompletableFuture<String> seen = new CompletableFuture<>();
            Thread other = new Thread(() -> loop.callSoonThreadsafe(
                    () -> seen.complete(Thread.currentThread().getName())), "poster");
            String loopThread = Thread.currentThread().getName();
            other.start();
            assertEquals(loopThread, Coro.await(seen), "the callback ran on the loop thread");
            other.join();
        });
    }

    @Test
    void toThreadRunsABlockingCallElsewhereWhileTheLoopGoesOn() {
        Coro.run(() -> {
            Thread loopThread = Thread.currentThread();
            CompletableFuture<Void> gate = new CompletableFuture<>();
            Task<Void> ticker = Coro.createTask(() -> {
                Coro.sleep(ms(5));
                gate.complete(null); // the loop ran while the blocking call waited
            });
            Thread worker = Coro.toThread(() -> {
                gate.get(5, TimeUnit.SECONDS);
                return Thread.currentThread();
            });
            assertNotSame(loopThread, worker);
            assertTrue(worker.isDaemon());
            ticker.join();
            try {
                Coro.toThread(() -> {
                    throw new IOException("io");
                });
                fail("no failure");
            } catch (CompletionException e) {
                assertTrue(e.getCause() instanceof IOException, "a checked failure arrives wrapped");
            }
        });
    }

    @Test
    void runInExecutorUsesTheGivenExecutor() {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
        try {
            String name = Coro.run(() -> Coro.await(Coro.getRunningLoop().runInExecutor(pool,
                    () -> Thread.currentThread().getName())));
            assertEquals("mine", name);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void submitRunsACoroutineOnTheLoopFromAnotherThread() {
        // asyncio's run_coroutine_threadsafe: the other thread blocks on the future, the loop runs the task
        List<String> log = new ArrayList<>();
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            String result = Coro.toThread(() -> loop.submit(() -> {
                log.add("on " + Thread.currentThread().getName());
                Coro.sleep(ms(1));
                return "done";
            }).get(5, TimeUnit.SECONDS));
            assertEquals("done", result);
            ExecutionException failed = Coro.toThread(() -> {
                try {
                    loop.submit(() -> {
                        throw new IllegalStateException("boom");
                    }).get(5, TimeUnit.SECONDS);
                    return null;
                } catch (ExecutionException e) {
                    return e;
                }
            });
            assertEquals("boom", failed.getCause().getMessage());
        });
        assertEquals(1, log.size());
        assertFalse(log.get(0).contains("coro4j-to-thread"), "the submitted task ran on the loop thread");
    }

    @Test
    void cancellingTheSubmittedFutureCancelsTheTask() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            CompletableFuture<Boolean> finallyRan = new CompletableFuture<>();
            CompletableFuture<Void> f = loop.submit(() -> {
                try {
                    Coro.sleep(FOREVER);
                } finally {
                    finallyRan.complete(true);
                }
            });
            Coro.sleep(ZERO); // the posted start
            Coro.sleep(ZERO); // the task's first step
            Coro.toThread(() -> f.cancel(false));
            assertTrue(Coro.await(finallyRan));
        });
    }

    @Test
    void toFutureAndWrapFutureBridgeTasksAndStages() {
        Coro.run(() -> {
            Task<Integer> t = Coro.createTask(() -> 42);
            CompletableFuture<Integer> f = Coro.toFuture(t);
            assertEquals(42, Coro.await(f));

            Task<Void> sleeper = Coro.createTask(() -> Coro.sleep(FOREVER));
            CompletableFuture<Void> cancelled = Coro.toFuture(sleeper);
            Coro.sleep(ZERO);
            sleeper.cancel("stop");
            try {
                Coro.await(cancelled);
                fail("not cancelled");
            } catch (CancellationException e) {
                assertEquals("stop", e.getMessage());
            }
            assertTrue(cancelled.isCancelled());

            CompletableFuture<String> stage = new CompletableFuture<>();
            Task<String> wrapped = Coro.wrapFuture(stage);
            Coro.toThread(() -> stage.complete("from a thread"));
            assertEquals(List.of("from a thread"), Coro.gather(wrapped));

            CompletableFuture<String> never = new CompletableFuture<>();
            Task<String> waiting = Coro.wrapFuture(never);
            Coro.sleep(ZERO);
            waiting.cancel();
            Coro.sleep(ZERO);
            assertTrue(never.isCancelled(), "cancelling the task cancels the future");
        });
    }

    /**
     * A thread submits to a loop until the loop refuses, while {@code Coro.run} ends and closes it: each
     * submission is refused or its future completes: with its result, cancelled by the end of run, or
     * failed with "the event loop was closed".
     */
    @Test
    void submissionsRacingTheEndOfRunAreEachRefusedOrCompleted() throws Exception {
        for (int round = 0; round < 50; round++) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            AtomicReference<Thread> poster = new AtomicReference<>();
            int turns = round % 5;
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                Thread t = new Thread(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        int n = i;
                        try {
                            futures.add(loop.submit(() -> {
                                Coro.sleep(ZERO);
                                return n;
                            }));
                        } catch (IllegalStateException e) {
                            return;
                        }
                    }
                });
                poster.set(t);
                t.start();
                for (int i = 0; i < turns; i++) {
                    Coro.sleep(ZERO);
                }
            });
            poster.get().join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(poster.get().isAlive());
            for (CompletableFuture<Integer> f : futures) {
                assertTrue(f.isDone(), "round " + round + ": a future never completed");
                try {
                    f.get(); // done: never blocks
                } catch (CancellationException e) {
                    // a task Coro.run cancelled when main ended
                } catch (ExecutionException e) {
                    assertTrue(String.valueOf(e.getCause().getMessage()).startsWith("the event loop was closed"),
                            String.valueOf(e.getCause()));
                }
            }
        }
    }
}
