package io.coro4j.sync;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import io.coro4j.Coro;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio's test_locks.py SemaphoreTests and BoundedSemaphore: counting, FIFO, cancellation. */
class SemaphoreTest extends StepRecorder {
    @Test
    void permitsAreCountedAndWaitersServedInOrder() {
        List<Integer> order = new ArrayList<>();
        Coro.run(() -> {
            Semaphore sem = new Semaphore(2);
            sem.acquire();
            sem.acquire();
            assertTrue(sem.isLocked());
            assertEquals(0, sem.availablePermits());
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                tasks.add(Coro.createTask(() -> {
                    try (Held held = sem.hold()) {
                        order.add(n);
                        Coro.sleep(ZERO);
                    }
                }));
            }
            Coro.sleep(ZERO);
            assertEquals(List.of(), order);
            sem.release();
            sem.release();
            Coro.gather(tasks);
            assertEquals(2, sem.availablePermits());
            assertFalse(sem.isLocked());
        });
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void releaseHandsThePermitToTheFirstWaiter() {
        Coro.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> first = Coro.createTask(() -> {
                expect(2);
                sem.acquire();
                expect(4);
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            sem.release(); // handed to first before it runs: a newcomer cannot take it
            assertTrue(sem.isLocked());
            assertEquals(0, sem.availablePermits());
            first.join();
            expect(5);
            assertEquals(0, sem.availablePermits());
        });
        finish(6);
    }

    @Test
    void aCancelledWaiterHoldsNoPermit() {
        Coro.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> t = Coro.createTask(sem::acquire);
            Coro.sleep(ZERO);
            t.cancel();
            assertThrowsAsync(CancellationException.class, t::join);
            sem.release();
            assertEquals(1, sem.availablePermits());
            sem.acquire(); // at once
        });
    }

    @Test
    void aWaiterCancelledAfterItWasHandedAPermitPassesItOn() {
        Coro.run(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Void> t1 = Coro.createTask(() -> {
                expect(2);
                sem.acquire();
                expectUnreached();
            });
            Task<Void> t2 = Coro.createTask(() -> {
                expect(3);
                sem.acquire();
                expect(5);
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(4);
            sem.release(); // handed to t1
            t1.cancel(); // before it runs
            try {
                t1.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(6);
            }
            t2.join();
            assertEquals(0, sem.availablePermits());
        });
        finish(7);
    }

    @Test
    void aBoundedSemaphoreRefusesAnExtraRelease() {
        Coro.run(() -> {
            BoundedSemaphore sem = new BoundedSemaphore(2);
            sem.acquire();
            sem.release();
            assertEquals("BoundedSemaphore released too many times",
                    assertThrows(IllegalStateException.class, sem::release).getMessage());
            assertEquals(2, sem.availablePermits());
        });
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }
}
