package io.coro4j;

import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * asyncio 3.11+ cancellation bookkeeping, after test_tasks.py: {@code cancelling()} counts requests,
 * {@code uncancel()} withdraws them, the canceller's own join, cancels during {@code finally} cleanup.
 */
class CancellingTest extends StepRecorder {
    @Test
    void cancelRequestsAreCountedAndUncancelWithdrawsThem() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(() -> Coro.sleep(FOREVER));
            Coro.sleep(ZERO);
            assertEquals(0, t.cancelling());
            assertTrue(t.cancel("a"));
            assertTrue(t.cancel("b"), "a second cancel of a pending task is counted too");
            assertEquals(2, t.cancelling());
            assertEquals(1, t.uncancel());
            assertEquals(0, t.uncancel());
            assertEquals(0, t.uncancel(), "never below zero");
            // the cancel had already woken it from its sleep: it is still delivered (asyncio's cancelled future)
            try {
                t.join();
                fail("not cancelled");
            } catch (CancellationException e) {
                assertEquals("b", e.getMessage(), "the last message wins");
            }
            assertFalse(t.cancel(), "done");
            assertEquals(0, t.cancelling());
        });
    }

    @Test
    void uncancelToZeroDropsACancelNotYetDelivered() {
        Coro.run(() -> {
            Task<String> t = Coro.createTask(() -> {
                expect(2);
                Task<?> me = Coro.currentTask();
                me.cancel("self");
                assertEquals(1, me.cancelling());
                assertEquals(0, me.uncancel()); // asyncio 3.13: _must_cancel cleared
                Coro.sleep(ZERO);
                expect(3);
                return "ran on";
            });
            expect(1);
            assertEquals("ran on", t.join());
            assertFalse(t.isCancelled());
        });
        finish(4);
    }

    @Test
    void uncancelOfATaskScheduledButNotStartedLetsItRun() {
        Coro.run(() -> {
            Task<String> t = Coro.createTask(() -> "ran");
            t.cancel();
            t.uncancel();
            assertEquals("ran", t.join());
        });
    }

    @Test
    void theCancellerJoiningTheTaskItCancelledSeesCancellationButIsNotCancelled() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(() -> Coro.sleep(FOREVER));
            Coro.sleep(ZERO);
            expect(1);
            t.cancel();
            try {
                t.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(2);
                // asyncio's idiom: zero means the cancellation was the awaited task's, not ours
                assertEquals(0, Coro.currentTask().cancelling());
            }
            Coro.sleep(ZERO); // and it goes on normally
            expect(3);
        });
        finish(4);
    }

    @Test
    void aCancelledJoinInsideTheCancellerIsPassedOnAndCounted() {
        Coro.run(() -> {
            Task<Void> inner = Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } catch (CancellationException e) {
                    expect(3);
                    assertEquals(2, Coro.currentTask().cancelling(), "once by outer, once passed on");
                    throw e;
                }
            });
            Task<Void> outer = Coro.createTask(() -> {
                expect(1);
                inner.cancel("first");
                try {
                    inner.join();
                    expectUnreached();
                } catch (CancellationException e) {
                    expect(4);
                    assertEquals(1, Coro.currentTask().cancelling(), "outer itself is being cancelled");
                    throw e;
                }
            });
            Coro.sleep(ZERO); // outer cancels inner and joins it
            expect(2);
            outer.cancel("second"); // passed on to inner, which is cancelled twice now
            try {
                outer.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(5);
            }
            assertTrue(outer.isCancelled());
            assertTrue(inner.isCancelled());
        });
        finish(6);
    }

    @Test
    void cancellingATaskThatWaitsOnAnotherCancelsBothAndCountsOnBoth() {
        Coro.run(() -> {
            Task<Void> inner = Coro.createTask(() -> Coro.sleep(FOREVER));
            Task<Void> outer = Coro.createTask(inner::join);
            Coro.sleep(ZERO);
            outer.cancel();
            assertEquals(1, outer.cancelling());
            assertEquals(1, inner.cancelling());
            try {
                outer.join();
                fail("not cancelled");
            } catch (CancellationException expected) {
                assertTrue(inner.isCancelled());
            }
        });
    }

    @Test
    void aCancelDuringFinallyCleanupIsThrownAtTheCleanupsAwait() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(() -> {
                try {
                    expect(2);
                    Coro.sleep(FOREVER);
                    expectUnreached();
                } finally {
                    expect(4);
                    try {
                        Coro.sleep(FOREVER); // cleanup that awaits
                        expectUnreached();
                    } catch (CancellationException second) {
                        expect(6);
                        assertEquals("again", second.getMessage());
                        assertEquals(2, Coro.currentTask().cancelling());
                    }
                }
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            t.cancel("first");
            Coro.sleep(ZERO); // t enters its finally and suspends there
            expect(5);
            t.cancel("again");
            try {
                t.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(7);
                assertEquals("first", e.getMessage(), "the first cancellation goes on after the cleanup");
            }
        });
        finish(8);
    }

    @CoroTest(virtualTime = true)
    void aCleanupThatCompletesAfterTheCancelStillRunsToItsEnd() throws Exception {
        Task<Void> t = Coro.createTask(() -> {
            try {
                Coro.sleep(FOREVER);
            } finally {
                expect(3);
                Coro.sleep(ms(10)); // cleanup awaits and is not cancelled again
                expect(4);
            }
        });
        expect(1);
        Coro.sleep(ZERO);
        expect(2);
        t.cancel();
        try {
            t.join();
            expectUnreached();
        } catch (CancellationException e) {
            expect(5);
        }
        finish(6);
    }

    @Test
    void toStringSaysCancellingWhileACancelIsPending() {
        Coro.run(() -> {
            Task<Void> t = Coro.createTask(() -> Coro.sleep(FOREVER), "victim");
            Coro.sleep(ZERO);
            t.cancel();
            assertTrue(t.toString().startsWith("<Task cancelling name='victim'"), t.toString());
            t.uncancel();
            assertTrue(t.toString().startsWith("<Task pending name='victim'"), t.toString());
            t.cancel();
        });
    }

    @Test
    void aCancelMessageSetDuringTheTasksOwnStepIsDeliveredAfterItStartsWaiting() {
        Coro.run(() -> {
            io.coro4j.sync.Queue<String> q = new io.coro4j.sync.Queue<>(1);
            Task<String> t = Coro.createTask(() -> {
                Coro.currentTask().cancel("while running");
                return q.get(); // waits: the pending cancel goes to the wait at the end of the step
            });
            try {
                t.join();
                fail("not cancelled");
            } catch (CancellationException e) {
                assertEquals("while running", e.getMessage());
            }
            assertEquals(1, t.cancelling(), "the count stays once the task is done");
            assertTrue(t.toString().startsWith("<Task cancelled"), t.toString());
        });
    }

    @Test
    void aCancelMessageOfAWaitingTaskReachesItsWaitAndItsRepr() {
        Coro.run(() -> {
            io.coro4j.sync.Queue<String> q = new io.coro4j.sync.Queue<>(1);
            Task<String> t = Coro.createTask(() -> {
                try {
                    return q.get();
                } catch (CancellationException e) {
                    return "caught " + e.getMessage();
                }
            });
            Coro.sleep(ZERO);
            assertTrue(t.toString().startsWith("<Task pending"), t.toString());
            t.cancel("first");
            t.cancel("second");
            assertTrue(t.toString().startsWith("<Task cancelling"), t.toString());
            assertEquals(2, t.cancelling());
            assertEquals("caught second", t.join());
            assertEquals(2, t.cancelling());
            assertEquals(1, t.uncancel());
        });
    }
}
