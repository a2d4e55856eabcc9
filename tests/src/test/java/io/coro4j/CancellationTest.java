package io.coro4j;

import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** asyncio 3.11+ cancellation: thrown where the task is suspended, counted, passed on to what it awaits. */
class CancellationTest extends StepRecorder {
    @Test
    void cancelThrowsAtTheSuspensionPointAndFinallyRuns() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(() -> {
                expect(2);
                try {
                    Coro.sleep(FOREVER);
                    expectUnreached();
                } catch (CancellationException e) {
                    expect(4);
                    assertEquals("stop", e.getMessage());
                    throw e;
                } finally {
                    expect(5);
                }
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            assertTrue(t.cancel("stop"));
            try {
                t.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(6);
                assertEquals("stop", e.getMessage());
            }
            assertTrue(t.isDone());
            assertTrue(t.isCancelled());
            assertEquals("stop", assertThrows(CancellationException.class, t::result).getMessage());
            assertEquals("stop", assertThrows(CancellationException.class, t::exception).getMessage());
            assertFalse(t.cancel(), "a done task cannot be cancelled");
        });
        finish(7);
    }

    @Test
    void aTaskCancelledBeforeItRanEndsCancelledWithoutRunning() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(this::expectUnreached);
            assertTrue(t.cancel("early"));
            expect(1);
            try {
                t.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(2);
                assertEquals("early", e.getMessage());
            }
            assertTrue(t.isCancelled());
        });
        finish(3);
    }

    @Test
    void aCancelWithoutMessageCarriesNull() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(() -> Coro.sleep(FOREVER));
            Coro.sleep(ZERO);
            t.cancel();
            try {
                t.join();
                fail("not cancelled");
            } catch (CancellationException e) {
                assertNull(e.getMessage());
            }
        });
    }

    @Test
    void aTaskThatSwallowsTheCancellationIsNotCancelled() {
        Coro.run(() -> {
            Task<String> t = Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                    return "slept";
                } catch (CancellationException e) {
                    expect(3);
                    Coro.sleep(ZERO); // and it can go on suspending
                    return "swallowed";
                }
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(2);
            t.cancel();
            assertEquals("swallowed", t.join());
            expect(4);
            assertFalse(t.isCancelled());
            assertEquals("swallowed", t.result());
        });
        finish(5);
    }

    @Test
    void cancellingATaskThatJoinsAnotherCancelsTheOther() {
        List<String> log = new ArrayList<>();
        Coro.run(() -> {
            Task<Void> inner = Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } finally {
                    log.add("inner finally");
                }
            });
            Task<Void> outer = Coro.createTask(() -> {
                try {
                    inner.join();
                    expectUnreached();
                } finally {
                    log.add("outer finally");
                }
            });
            Coro.sleep(ZERO);
            assertTrue(outer.cancel("from main"));
            try {
                outer.join();
                fail("not cancelled");
            } catch (CancellationException e) {
                assertEquals("from main", e.getMessage());
            }
            assertTrue(inner.isCancelled());
            assertTrue(outer.isCancelled());
        });
        assertEquals(List.of("inner finally", "outer finally"), log);
    }

    @Test
    void aJoinerWhoseTaskSwallowsTheCancelGetsItsValue() {
        Coro.run(() -> {
            Task<String> inner = Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                    return "slept";
                } catch (CancellationException e) {
                    return "swallowed";
                }
            });
            Task<String> outer = Coro.createTask(inner::join);
            Coro.sleep(ZERO);
            outer.cancel();
            // asyncio: the cancel went to the awaited task, which swallowed it; outer gets its value
            assertEquals("swallowed", outer.join());
            assertFalse(outer.isCancelled());
        });
    }

    @Test
    void aTaskCanCancelItselfAndIsCancelledAtItsNextSuspension() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(() -> {
                expect(2);
                Coro.currentTask().cancel("self");
                expect(3);
                try {
                    Coro.sleep(FOREVER);
                    expectUnreached();
                } catch (CancellationException e) {
                    expect(4);
                    assertEquals("self", e.getMessage());
                    throw e;
                }
            });
            expect(1);
            try {
                t.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(5);
            }
        });
        finish(6);
    }

    @Test
    void cancellingATaskThatAwaitsAFutureCancelsTheFutureAndWakesTheTaskAtOnce() {
        Coro.run(() -> {
            CompletableFuture<String> never = new CompletableFuture<>();
            Task<String> t = Coro.createTask(() -> Coro.await(never));
            Coro.sleep(ZERO);
            t.cancel("no more");
            try {
                t.join();
                fail("not cancelled");
            } catch (CancellationException e) {
                assertEquals("no more", e.getMessage());
            }
            assertTrue(never.isCancelled());
        });
    }

    @CoroTest(virtualTime = true)
    void aLateCompletionOfAnAbandonedStageIsIgnored() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletionStage<String> stage = source.minimalCompletionStage(); // cannot be cancelled
        Task<String> t = Coro.createTask(() -> {
            try {
                Coro.await(stage);
                expectUnreached();
            } catch (CancellationException e) {
                expect(3);
            }
            Coro.sleep(ms(100)); // a stale wake-up must not end this sleep early
            expect(6);
            return "slept";
        });
        expect(1);
        Coro.sleep(ZERO);
        expect(2);
        t.cancel();
        Coro.sleep(ZERO);
        source.complete("late"); // the stage's wake-up for t is scheduled, and is stale
        expect(4);
        Coro.sleep(ZERO);
        Coro.sleep(ZERO);
        expect(5);
        assertFalse(t.isDone());
        assertEquals("slept", t.join());
        finish(7);
    }

    @Test
    void aCancelRequestedWhileAWakeUpIsQueuedWins() {
        Coro.run(() -> {
            Task<String> t = Coro.createTask(() -> {
                Coro.sleep(ZERO); // queued again at once
                return "not cancelled";
            });
            Coro.sleep(ZERO); // t is now queued to resume
            t.cancel("late but in time");
            try {
                t.join();
                fail("not cancelled");
            } catch (CancellationException e) {
                assertEquals("late but in time", e.getMessage());
            }
        });
    }
}
