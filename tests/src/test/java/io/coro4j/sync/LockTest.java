package io.coro4j.sync;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import io.coro4j.Coro;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio's test_locks.py LockTests: FIFO, cancellation at every waiting point, the loop binding. */
class LockTest extends StepRecorder {
    @Test
    void waitersAcquireInTheOrderTheyCame() {
        List<Integer> order = new ArrayList<>();
        Coro.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                tasks.add(Coro.createTask(() -> {
                    lock.acquire();
                    order.add(n);
                    Coro.sleep(ZERO); // hold it across a turn
                    lock.release();
                }));
            }
            Coro.sleep(ZERO);
            assertEquals(List.of(), order);
            lock.release();
            Coro.gather(tasks);
            assertFalse(lock.isLocked());
        });
        assertEquals(List.of(0, 1, 2), order);
    }

    @Test
    void aNewcomerQueuesBehindAWokenWaiter() {
        Coro.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> first = Coro.createTask(() -> {
                expect(2);
                lock.acquire();
                expect(5);
                Coro.sleep(ZERO);
                expect(6);
                lock.release();
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            lock.release(); // first is woken and has not run yet
            assertFalse(lock.isLocked());
            expect(4);
            lock.acquire(); // looks free, but first is queued ahead: wait
            expect(7);
            lock.release();
            first.join();
        });
        finish(8);
    }

    @Test
    void aCancelledWaiterDoesNotTakeTheLock() {
        Coro.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> t = Coro.createTask(() -> {
                expect(2);
                lock.acquire();
                expectUnreached();
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            t.cancel();
            assertThrowsAsync(CancellationException.class, t::join);
            expect(4);
            assertTrue(lock.isLocked());
            lock.release();
            assertFalse(lock.isLocked());
            lock.acquire(); // nobody is queued: at once
            lock.release();
        });
        finish(5);
    }

    @Test
    void aWaiterCancelledAfterItWasWokenPassesTheLockOn() {
        // asyncio's test_cancel_release_race
        Coro.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> t1 = Coro.createTask(() -> {
                expect(2);
                lock.acquire();
                expectUnreached();
            });
            Task<Void> t2 = Coro.createTask(() -> {
                expect(3);
                lock.acquire();
                expect(5);
                lock.release();
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(4);
            lock.release(); // wakes t1
            t1.cancel(); // before it runs
            try {
                t1.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(6);
            }
            t2.join();
            assertFalse(lock.isLocked());
        });
        finish(7);
    }

    @Test
    void holdReleasesWhenClosedOnceOnly() {
        Coro.run(() -> {
            Lock lock = new Lock();
            try (Held held = lock.hold()) {
                assertTrue(lock.isLocked());
                held.close();
                assertFalse(lock.isLocked());
            }
            assertFalse(lock.isLocked(), "the second close did nothing");
            assertEquals("Lock is not acquired",
                    assertThrows(IllegalStateException.class, lock::release).getMessage());
            try (var held = lock.hold()) {
                throw new IllegalArgumentException("body");
            } catch (IllegalArgumentException e) {
                assertFalse(lock.isLocked());
            }
        });
    }

    @Test
    void aLockBelongsToOneLoop() {
        Lock lock = new Lock();
        Coro.run(() -> {
            lock.acquire();
            lock.release();
        });
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> Coro.run(lock::acquire));
        assertTrue(other.getMessage().contains("bound to a different event loop"), other.getMessage());
        IllegalStateException noLoop = assertThrows(IllegalStateException.class, lock::isLocked);
        assertTrue(noLoop.getMessage().contains("no event loop runs"), noLoop.getMessage());
    }

    @Test
    void aLockUsedFromAnotherThreadFailsThere() {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Coro.run(() -> {
            Lock lock = new Lock();
            lock.acquire();
            Thread thread = new Thread(() -> {
                try {
                    lock.release();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            thread.start();
            thread.join(); // blocks the loop a moment: the other thread does not need it
            assertTrue(lock.isLocked(), "the other thread's release did nothing");
        });
        assertTrue(failure.get() instanceof IllegalStateException, String.valueOf(failure.get()));
    }
}
