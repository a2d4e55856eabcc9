package io.coro4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code Coro.await(CompletionStage)}: completion from any thread only schedules the task. */
class AwaitTest extends StepRecorder {
    private static void completeLater(CompletableFuture<String> future, String value, long delayMillis) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                return;
            }
            future.complete(value);
        }, "completer");
        t.setDaemon(true);
        t.start();
    }

    @Test
    void aFutureCompletedOnAnotherThreadResumesTheTaskOnTheLoopThread() {
        Coro.run(() -> {
            Thread loopThread = Thread.currentThread();
            CompletableFuture<String> future = new CompletableFuture<>();
            completeLater(future, "from afar", 30);
            assertEquals("from afar", Coro.await(future));
            assertSame(loopThread, Thread.currentThread());
        });
    }

    @Test
    void manyTasksAwaitingFuturesCompletedElsewhere() {
        int n = 200;
        int sum = Coro.run(() -> {
            java.util.List<Task<Integer>> tasks = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (int i = 0; i < n; i++) {
                    int value = i;
                    CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> value, pool);
                    tasks.add(Coro.createTask(() -> Coro.await(f)));
                }
                int total = 0;
                for (int v : Coro.gather(tasks)) {
                    total += v;
                }
                return total;
            } finally {
                pool.shutdown();
            }
        });
        assertEquals(n * (n - 1) / 2, sum);
    }

    @Test
    void anAlreadyCompleteStageReturnsAtOnceWithoutSuspending() {
        Coro.run(() -> {
            Task<Void> other = Coro.createTask(() -> expect(2));
            assertEquals("done", Coro.await(CompletableFuture.completedFuture("done")));
            assertEquals("stage", Coro.await(CompletableFuture.completedStage("stage")));
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletionStage<String> dependent = source.thenApply(s -> s + "!");
            source.complete("dep");
            assertEquals("dep!", Coro.await(dependent));
            expect(1); // `other` has not run: nothing suspended
            other.join();
        });
        finish(3);
    }

    @Test
    void completionNeverResumesTheTaskInsideComplete() {
        Coro.run(() -> {
            CompletableFuture<String> future = new CompletableFuture<>();
            Task<String> t = Coro.createTask(() -> {
                expect(2);
                String v = Coro.await(future);
                expect(4);
                return v;
            });
            expect(1);
            Coro.sleep(ZERO);
            future.complete("v");
            expect(3); // t is only scheduled
            assertFalse(t.isDone());
            assertEquals("v", t.join());
        });
        finish(5);
    }

    @Test
    void anUncheckedFailureArrivesAsItWasThrown() {
        IllegalStateException boom = new IllegalStateException("boom");
        Coro.run(() -> {
            CompletableFuture<String> failed = new CompletableFuture<>();
            failed.completeExceptionally(boom);
            try {
                Coro.await(failed);
                fail("no failure");
            } catch (IllegalStateException e) {
                assertSame(boom, e);
            }
            CompletableFuture<String> source = new CompletableFuture<>();
            CompletableFuture<String> dependent = source.thenApply(s -> {
                throw boom;
            });
            Task<Void> completer = Coro.createTask(() -> {
                source.complete("x"); // the dependent fails, wrapped in CompletionException
            });
            try {
                Coro.await(dependent);
                fail("no failure");
            } catch (IllegalStateException e) {
                assertSame(boom, e, "unwrapped from CompletionException");
            }
            completer.join();
        });
    }

    @Test
    void aCheckedFailureArrivesWrappedInCompletionException() {
        IOException io = new IOException("io");
        Coro.run(() -> {
            CompletableFuture<String> future = new CompletableFuture<>();
            Thread t = new Thread(() -> future.completeExceptionally(io));
            t.start();
            try {
                Coro.await(future);
                fail("no failure");
            } catch (CompletionException e) {
                assertSame(io, e.getCause());
            }
        });
    }

    @Test
    void aCancelledFutureThrowsCancellation() {
        Coro.run(() -> {
            CompletableFuture<String> future = new CompletableFuture<>();
            future.cancel(false);
            try {
                Coro.await(future);
                fail("no failure");
            } catch (CancellationException e) {
                expect(1);
            }
            // not caught: the task ends cancelled
            CompletableFuture<String> later = new CompletableFuture<>();
            Task<String> t = Coro.createTask(() -> Coro.await(later));
            Coro.sleep(ZERO);
            later.cancel(false);
            try {
                t.join();
                fail("no failure");
            } catch (CancellationException e) {
                expect(2);
            }
            assertTrue(t.isCancelled());
        });
        finish(3);
    }
}
