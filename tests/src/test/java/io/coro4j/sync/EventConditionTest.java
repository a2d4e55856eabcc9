package io.coro4j.sync;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import io.coro4j.Coro;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio's test_locks.py EventTests and ConditionTests. */
class EventConditionTest extends StepRecorder {
    @Test
    void setWakesEveryWaiterInOrder() {
        List<Integer> order = new ArrayList<>();
        Coro.run(() -> {
            Event event = new Event();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                tasks.add(Coro.createTask(() -> {
                    event.await();
                    order.add(n);
                }));
            }
            Coro.sleep(ZERO);
            assertEquals(List.of(), order);
            event.set();
            event.clear(); // the woken tasks return anyway
            Coro.gather(tasks);
            assertFalse(event.isSet());
            event.set();
            event.await(); // set: at once
        });
        assertEquals(List.of(0, 1, 2), order);
    }

    @Test
    void aCancelledEventWaiterLeaves() {
        Coro.run(() -> {
            Event event = new Event();
            Task<Void> t = Coro.createTask(event::await);
            Coro.sleep(ZERO);
            t.cancel();
            assertThrowsAsync(CancellationException.class, t::join);
            assertEquals("Event[unset]", event.toString());
        });
    }

    @Test
    void awaitReleasesTheLockAndTakesItBack() {
        Coro.run(() -> {
            Condition cond = new Condition();
            Task<Void> waiter = Coro.createTask(() -> {
                expect(2);
                try (Held held = cond.hold()) {
                    cond.await();
                    expect(5);
                    assertTrue(cond.isLocked());
                }
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            assertFalse(cond.isLocked(), "await released it");
            try (Held held = cond.hold()) {
                cond.signal();
                expect(4);
            }
            waiter.join();
            assertFalse(cond.isLocked());
            assertThrows(IllegalStateException.class, cond::signal, "signal needs the lock");
        });
        finish(6);
    }

    // on virtual time: the 5 ms sleep ends only when every woken waiter has run, however loaded the machine
    @CoroTest(virtualTime = true)
    void signalWakesTheFirstNWaiters() {
        List<Integer> order = new ArrayList<>();
        Condition cond = new Condition();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            tasks.add(Coro.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                    order.add(n);
                } finally {
                    cond.release();
                }
            }));
        }
        Coro.sleep(ZERO);
        cond.acquire();
        cond.signal(2);
        cond.release();
        Coro.sleep(ms(5));
        assertEquals(List.of(0, 1), order);
        cond.acquire();
        cond.signalAll();
        cond.release();
        Coro.gather(tasks);
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void waitForChecksThePredicateAfterEachSignal() {
        Coro.run(() -> {
            Condition cond = new Condition(new Lock());
            int[] value = {0};
            Task<Void> waiter = Coro.createTask(() -> {
                cond.acquire();
                try {
                    cond.waitFor(() -> value[0] == 2);
                    assertEquals(2, value[0]);
                } finally {
                    cond.release();
                }
            });
            for (int i = 1; i <= 2; i++) {
                Coro.sleep(ZERO);
                cond.acquire();
                value[0] = i;
                cond.signalAll();
                cond.release();
            }
            waiter.join();
        });
    }

    @Test
    void aCancelledWaiterTakesTheLockBackBeforeItThrows() {
        Coro.run(() -> {
            Condition cond = new Condition();
            Task<Void> waiter = Coro.createTask(() -> {
                expect(2);
                cond.acquire();
                try {
                    cond.await();
                    expectUnreached();
                } catch (CancellationException e) {
                    expect(5);
                    assertTrue(cond.isLocked(), "it holds the lock again");
                    throw e;
                } finally {
                    cond.release();
                }
            });
            expect(1);
            Coro.sleep(ZERO);
            cond.acquire(); // the waiter must wait for it after its cancel
            expect(3);
            waiter.cancel();
            Coro.sleep(ZERO);
            expect(4);
            cond.release();
            assertThrowsAsync(CancellationException.class, waiter::join);
        });
        finish(6);
    }

    @Test
    void aSignalToAWaiterCancelledBeforeItRanGoesToTheNextOne() {
        // asyncio 3.13 (gh-112202): a notification is never lost to a cancelled waiter
        Coro.run(() -> {
            Condition cond = new Condition();
            Task<Void> w1 = Coro.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                } finally {
                    cond.release();
                }
            });
            Task<Void> w2 = Coro.createTask(() -> {
                cond.acquire();
                try {
                    cond.await();
                    expect(2);
                } finally {
                    cond.release();
                }
            });
            Coro.sleep(ZERO);
            cond.acquire();
            cond.signal(); // wakes w1 only
            w1.cancel();
            cond.release();
            expect(1);
            assertThrowsAsync(CancellationException.class, w1::join);
            w2.join();
        });
        finish(3);
    }
}
