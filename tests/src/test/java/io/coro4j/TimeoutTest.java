package io.coro4j;

import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asyncio.timeout / timeout_at scopes, after test_timeouts.py. On virtual time (@CoroTest): every deadline
 * and sleep here takes no real time and fires in its exact order, however loaded the machine.
 */
class TimeoutTest extends StepRecorder {
    @CoroTest(virtualTime = true)
    void theCancellationBecomesATimeoutExceptionAtTheBoundary() throws Exception {
        Timeout t = Coro.timeout(ms(10));
        TimeoutException e = assertThrowsAsync(TimeoutException.class, () -> t.run(() -> {
            expect(1);
            try {
                Coro.sleep(FOREVER);
            } catch (CancellationException inside) {
                expect(2); // the body sees a cancellation, as in asyncio
                throw inside;
            }
        }));
        expect(3);
        assertInstanceOf(CancellationException.class, e.getCause());
        assertTrue(t.expired());
        assertEquals(0, Coro.currentTask().cancelling(), "the scope withdrew its cancel");
        assertFalse(Coro.currentTask().isCancelled());
        Coro.sleep(ZERO); // the task goes on
        finish(4);
    }

    @CoroTest(virtualTime = true)
    void aBodyThatEndsInTimeIsNotTouched() throws Exception {
        Timeout t = Coro.timeout(ms(200));
        assertEquals("fast", t.call(() -> {
            Coro.sleep(ms(1));
            return "fast";
        }));
        assertFalse(t.expired());
        Coro.sleep(ms(250)); // the deadline was disarmed: no stray cancel
        assertEquals(0, Coro.currentTask().cancelling());
    }

    @CoroTest(virtualTime = true)
    void withTimeoutIsTheBodyForm() throws Exception {
        assertEquals(5, Coro.withTimeout(ms(100), () -> 5));
        assertThrowsAsync(TimeoutException.class, () -> {
            Coro.withTimeout(ms(5), () -> Coro.sleep(FOREVER));
            return null;
        });
        assertEquals("none", Coro.withTimeout(null, () -> "none"));
    }

    @CoroTest(virtualTime = true)
    void aDeadlineInThePastExpiresAtTheFirstSuspension() throws Exception {
        assertThrowsAsync(TimeoutException.class, () -> Coro.withTimeout(ms(-10), () -> {
            expect(1); // the body still starts
            Coro.sleep(ZERO);
            expectUnreached();
            return null;
        }));
        expect(2);
        Timeout at = Coro.timeoutAt(0);
        assertThrowsAsync(TimeoutException.class, () -> at.call(() -> {
            Coro.sleep(FOREVER);
            return null;
        }));
        assertTrue(at.expired());
        finish(3);
    }

    @CoroTest(virtualTime = true)
    void noDeadlineUntilRescheduled() throws Exception {
        Timeout t = Coro.timeout(null);
        assertTrue(t.when().isEmpty());
        assertThrowsAsync(TimeoutException.class, () -> t.call(() -> {
            Coro.sleep(ms(5));
            t.reschedule(ms(5));
            assertTrue(t.when().isPresent());
            Coro.sleep(FOREVER);
            return null;
        }));
    }

    @CoroTest(virtualTime = true)
    void rescheduleMovesTheDeadlineAndNullRemovesIt() throws Exception {
        Timeout t = Coro.timeout(ms(10));
        assertEquals("done", t.call(() -> {
            t.reschedule(ms(200));
            Coro.sleep(ms(40)); // past the first deadline
            t.reschedule(null);
            Coro.sleep(ms(20));
            return "done";
        }));
        assertFalse(t.expired());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.reschedule(ms(1)));
        assertTrue(e.getMessage().contains("exited"), e.getMessage());
    }

    @CoroTest(virtualTime = true)
    void anExpiredScopeCannotBeRescheduled() throws Exception {
        Timeout t = Coro.timeout(ms(5));
        assertThrowsAsync(TimeoutException.class, () -> t.call(() -> {
            try {
                Coro.sleep(FOREVER);
            } catch (CancellationException e) {
                assertThrows(IllegalStateException.class, () -> t.reschedule(ms(100)));
                throw e;
            }
            return null;
        }));
    }

    @CoroTest(virtualTime = true)
    void nestedScopesEachReportTheirOwnTimeout() throws Exception {
        Timeout outer = Coro.timeout(ms(20));
        assertThrowsAsync(TimeoutException.class, () -> outer.call(() -> {
            Timeout inner = Coro.timeout(FOREVER);
            try {
                inner.run(() -> Coro.sleep(FOREVER)); // the outer deadline passes in here
                expectUnreached();
            } catch (CancellationException e) {
                expect(1); // the inner scope did not expire: the cancellation goes through it
                assertFalse(inner.expired());
                throw e;
            }
            return null;
        }));
        expect(2);
        assertTrue(outer.expired());
        assertEquals(0, Coro.currentTask().cancelling());
        finish(3);
    }

    @CoroTest(virtualTime = true)
    void anInnerTimeoutIsCaughtInsideTheOuterScope() throws Exception {
        Timeout outer = Coro.timeout(ms(500));
        String r = outer.call(() -> {
            try {
                Coro.withTimeout(ms(5), () -> Coro.sleep(FOREVER));
                return "no";
            } catch (TimeoutException e) {
                expect(1);
                return "inner timed out";
            }
        });
        assertEquals("inner timed out", r);
        assertFalse(outer.expired());
        finish(2);
    }

    @CoroTest(virtualTime = true)
    void whenBothExpireTogetherTheInnerPassesTheCancellationAndTheOuterReportsIt() throws Exception {
        Timeout outer = Coro.timeout(ms(-1));
        assertThrowsAsync(TimeoutException.class, () -> outer.call(() -> {
            Timeout inner = Coro.timeout(ms(-1));
            try {
                inner.run(() -> Coro.sleep(FOREVER));
                expectUnreached();
            } catch (CancellationException e) {
                expect(1);
                assertTrue(inner.expired());
                assertEquals(1, Coro.currentTask().cancelling(), "the outer cancel is still pending");
                throw e;
            }
            return null;
        }));
        expect(2);
        assertEquals(0, Coro.currentTask().cancelling());
        finish(3);
    }

    @CoroTest(virtualTime = true)
    void aForeignCancelIsNotReportedAsATimeout() throws Exception {
        Task<Void> t = Coro.createTask(() -> Coro.withTimeout(FOREVER, () -> Coro.sleep(FOREVER)));
        Coro.sleep(ZERO);
        t.cancel("foreign");
        CancellationException e = assertThrowsAsync(CancellationException.class, t::join);
        assertEquals("foreign", e.getMessage());
    }

    @CoroTest(virtualTime = true)
    void aForeignCancelTogetherWithTheDeadlineStaysACancellation() throws Exception {
        Task<Void> t = Coro.createTask(() -> {
            Timeout scope = Coro.timeout(ms(-1)); // its expiry runs at the next turn
            try {
                scope.run(() -> {
                    Coro.sleep(FOREVER);
                });
                expectUnreached();
            } catch (CancellationException e) {
                expect(2);
                assertTrue(scope.expired(), "expired, but someone else cancels too");
                assertEquals(1, Coro.currentTask().cancelling());
                throw e;
            }
        });
        Coro.sleep(ZERO); // t entered the scope and sleeps
        expect(1);
        t.cancel("foreign");
        assertThrowsAsync(CancellationException.class, t::join);
        expect(3);
        finish(4);
    }

    @CoroTest(virtualTime = true)
    void aBodyThatSwallowsTheCancellationReturnsItsValue() throws Exception {
        Timeout t = Coro.timeout(ms(5));
        String r = t.call(() -> {
            try {
                Coro.sleep(FOREVER);
                return "slept";
            } catch (CancellationException e) {
                return "swallowed";
            }
        });
        assertEquals("swallowed", r);
        assertTrue(t.expired());
        assertEquals(0, Coro.currentTask().cancelling());
    }

    @CoroTest(virtualTime = true)
    void otherFailuresPassByTheRule() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        assertEquals(boom, assertThrowsAsync(IllegalStateException.class,
                () -> Coro.withTimeout(ms(100), () -> {
                    throw boom;
                })));
        CompletionException c = assertThrowsAsync(CompletionException.class,
                () -> Coro.withTimeout(ms(100), () -> {
                    throw new IOException("io");
                }));
        assertInstanceOf(IOException.class, c.getCause());
    }

    @CoroTest(virtualTime = true)
    void tryWithResourcesLeavesTheScopeAndLetsTheCancellationOut() throws Exception {
        Timeout[] scope = new Timeout[1];
        try {
            try (Timeout t = Coro.timeout(ms(5))) {
                scope[0] = t;
                Coro.sleep(FOREVER);
            }
            expectUnreached();
        } catch (CancellationException e) {
            expect(1);
            assertTrue(scope[0].expired(), "the deadline caused it");
            assertEquals(0, Coro.currentTask().cancelling(), "close() withdrew the cancel");
        }
        try (Timeout t = Coro.timeout(ms(100))) {
            Coro.sleep(ms(1));
            scope[0] = t;
        }
        assertFalse(scope[0].expired());
        scope[0].close(); // twice: nothing
        Coro.sleep(ms(150)); // disarmed
        expect(2);
        finish(3);
    }

    @CoroTest(virtualTime = true)
    void misuseIsRefused() throws Exception {
        Timeout t = Coro.timeout(ms(100));
        t.close();
        assertThrowsAsync(IllegalStateException.class, () -> t.call(() -> 1));
        Timeout mine = Coro.timeout(ms(100));
        Task<Integer> other = Coro.createTask(() -> mine.call(() -> 1));
        assertThrowsAsync(IllegalStateException.class, other::join);
        mine.close();
        assertEquals("body", assertThrowsAsync(NullPointerException.class,
                () -> Coro.withTimeout(ms(1), (AsyncCallable<Object>) null)).getMessage());
    }

    @Test
    void aScopeNeedsARunningLoop() {
        assertThrows(IllegalStateException.class, () -> Coro.timeout(ms(1)));
    }
}
