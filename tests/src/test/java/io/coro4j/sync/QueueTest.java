package io.coro4j.sync;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import io.coro4j.Coro;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio's test_queues.py: order, blocking, cancelled getters and putters, join, shutdown (3.13). */
class QueueTest extends StepRecorder {
    @Test
    void nowaitOperationsAndSizes() {
        Coro.run(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertEquals(2, q.maxsize());
            assertTrue(q.isEmpty());
            assertFalse(q.isFull());
            q.putNowait(1);
            q.putNowait(2);
            assertTrue(q.isFull());
            assertEquals(2, q.qsize());
            assertThrows(QueueFullException.class, () -> q.putNowait(3));
            assertEquals(1, q.getNowait());
            assertEquals(2, q.getNowait());
            assertThrows(QueueEmptyException.class, q::getNowait);
            assertTrue(new QueueEmptyException() instanceof NoSuchElementException);
            assertThrows(NullPointerException.class, () -> q.putNowait(null));
            assertFalse(new Queue<Integer>().isFull(), "unbounded");
        });
    }

    @Test
    void fifoLifoAndPriorityOrders() {
        Coro.run(() -> {
            Queue<Integer> fifo = new Queue<>();
            LifoQueue<Integer> lifo = new LifoQueue<>();
            PriorityQueue<Integer> prio = new PriorityQueue<>();
            PriorityQueue<Integer> reversed = new PriorityQueue<>(0, Comparator.reverseOrder());
            for (int i : new int[] {2, 3, 1}) {
                fifo.put(i);
                lifo.put(i);
                prio.put(i);
                reversed.put(i);
            }
            List<Integer> f = new ArrayList<>();
            List<Integer> l = new ArrayList<>();
            List<Integer> p = new ArrayList<>();
            List<Integer> r = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                f.add(fifo.get());
                l.add(lifo.get());
                p.add(prio.get());
                r.add(reversed.get());
            }
            assertEquals(List.of(2, 3, 1), f);
            assertEquals(List.of(1, 3, 2), l);
            assertEquals(List.of(1, 2, 3), p);
            assertEquals(List.of(3, 2, 1), r);
        });
    }

    @Test
    void aGetWaitsForAPut() {
        Coro.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> getter = Coro.createTask(() -> {
                expect(2);
                String item = q.get();
                expect(4);
                return item;
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            q.putNowait("a");
            assertEquals("a", getter.join());
        });
        finish(5);
    }

    @Test
    void gettersAreServedInTheOrderTheyCame() {
        List<String> got = new ArrayList<>();
        Coro.run(() -> {
            Queue<Integer> q = new Queue<>();
            List<Task<Void>> getters = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                getters.add(Coro.createTask(() -> {
                    got.add(name + q.get());
                }));
            }
            Coro.sleep(ZERO);
            for (int i = 1; i <= 3; i++) {
                q.putNowait(i);
            }
            Coro.gather(getters);
        });
        assertEquals(List.of("a1", "b2", "c3"), got);
    }

    @Test
    void aPutWaitsForAFreeSlot() {
        Coro.run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> putter = Coro.createTask(() -> {
                expect(2);
                q.put(2);
                expect(4);
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            assertEquals(1, q.get());
            putter.join();
            assertEquals(2, q.getNowait());
        });
        finish(5);
    }

    @Test
    void aCancelledGetDoesNotSwallowAnItem() {
        // asyncio's test_cancelled_getters_not_being_held_in_self_getters / test_get_cancelled_race
        Coro.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> g1 = Coro.createTask(() -> {
                expect(2);
                q.get();
                expectUnreached();
                return null;
            });
            Task<String> g2 = Coro.createTask(() -> {
                expect(3);
                String item = q.get();
                expect(5);
                return item;
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(4);
            q.putNowait("item"); // wakes g1
            g1.cancel(); // before it runs
            assertThrowsAsync(CancellationException.class, g1::join);
            assertEquals("item", g2.join());
            assertTrue(q.isEmpty());
        });
        finish(6);
    }

    @Test
    void aGetterCancelledWhileWaitingLeavesTheQueue() {
        Coro.run(() -> {
            Queue<String> q = new Queue<>();
            Task<String> g = Coro.createTask(q::get);
            Coro.sleep(ZERO);
            g.cancel();
            assertThrowsAsync(CancellationException.class, g::join);
            q.putNowait("x");
            assertEquals("x", q.get());
            q.taskDone();
            assertEquals("Queue[maxsize=0, qsize=0]", q.toString(), "no getter left behind");
        });
    }

    @Test
    void aCancelledPutDoesNotStrandAFreeSlot() {
        // asyncio's test_cancelled_puts_not_being_held_in_self_putters / test_put_cancelled_race
        Coro.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            Task<Void> p1 = Coro.createTask(() -> {
                expect(2);
                q.put("b");
                expectUnreached();
            });
            Task<Void> p2 = Coro.createTask(() -> {
                expect(3);
                q.put("c");
                expect(5);
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(4);
            assertEquals("a", q.getNowait()); // wakes p1
            p1.cancel(); // before it runs
            assertThrowsAsync(CancellationException.class, p1::join);
            p2.join();
            assertEquals("c", q.getNowait());
            assertTrue(q.isEmpty());
        });
        finish(6);
    }

    @Test
    void aWaitingPutPutsItsItemOnceWoken() {
        // put is a Leaf: resumed, it is called again without its argument, and takes the item from its waiter
        Coro.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            Task<Void> putter = Coro.createTask(() -> {
                expect(2);
                q.put("b");
                expect(4);
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            assertEquals("a", q.getNowait()); // wakes the putter
            putter.join();
            assertEquals("b", q.getNowait());
            assertEquals("Queue[maxsize=1, qsize=0, unfinished=2]", q.toString());
        });
        finish(5);
    }

    @Test
    void aPutterWokenForASlotTakenMeanwhileWaitsAgainWithItsItem() {
        Coro.run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            Task<Void> putter = Coro.createTask(() -> {
                expect(2);
                q.put("b");
                expect(5);
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            assertEquals("a", q.getNowait()); // wakes the putter
            q.putNowait("c"); // and fills its slot before it runs
            Coro.sleep(ZERO); // the putter runs, finds the queue full and waits again
            expect(4);
            assertEquals("Queue[maxsize=1, qsize=1, putters=1, unfinished=2]", q.toString());
            assertEquals("c", q.getNowait());
            putter.join();
            assertEquals("b", q.getNowait());
        });
        finish(6);
    }

    @Test
    void aGetterCancelledWhileWaitingPassesNoWakeUpOn() {
        // asyncio: "if not self.empty() and not getter.cancelled()": only a getter woken for an item passes it on
        List<String> got = new ArrayList<>();
        Coro.run(() -> {
            Queue<String> q = new Queue<>();
            Task<Void> g1 = Coro.createTask(() -> {
                q.get();
                expectUnreached();
            });
            List<Task<Void>> others = new ArrayList<>();
            for (String name : List.of("g2", "g3", "g4")) {
                others.add(Coro.createTask(() -> {
                    got.add(name + " " + q.get());
                }));
            }
            Coro.sleep(ZERO); // all four wait, g1 first
            g1.cancel(); // while it waits: its waiter stays first in line until g1 runs
            q.putNowait("x"); // passes over g1's cancelled waiter and wakes g2
            Coro.sleep(ZERO); // g1 ends, waking nobody; g2 takes x
            assertEquals("Queue[maxsize=0, qsize=0, getters=2, unfinished=1]", q.toString(), "g3 and g4 wait on");
            q.putNowait("y");
            q.putNowait("z");
            Coro.gather(others);
            assertThrowsAsync(CancellationException.class, g1::join);
        });
        assertEquals(List.of("g2 x", "g3 y", "g4 z"), got);
    }

    @Test
    void aWaitEndedByACancelIsNotEndedAgainByItsQueue() {
        // a task reuses one waiter for all its waits: a queue must never wake it for a wait that is over
        Coro.run(() -> {
            Queue<String> first = new Queue<>();
            Queue<String> second = new Queue<>();
            Task<String> t = Coro.createTask(() -> {
                expect(2);
                try {
                    first.get();
                    expectUnreached();
                } catch (CancellationException e) {
                    expect(4);
                }
                String item = second.get(); // the same waiter, armed again
                expect(8);
                return item;
            });
            Task<String> other = Coro.createTask(() -> {
                expect(3);
                String item = first.get();
                expect(6);
                return item;
            });
            expect(1);
            Coro.sleep(ZERO); // t, then other, wait on first
            t.cancel();
            Coro.sleep(ZERO); // t catches the cancel and waits on second
            expect(5);
            first.putNowait("x"); // for other: t's wait on first is over
            Coro.sleep(ZERO);
            expect(7);
            assertEquals("x", other.join());
            assertEquals("Queue[maxsize=0, qsize=0, unfinished=1]", first.toString());
            assertEquals("Queue[maxsize=0, qsize=0, getters=1]", second.toString());
            second.putNowait("z");
            assertEquals("z", t.join());
        });
        finish(9);
    }

    @Test
    void aQueueBelongsToOneLoop() {
        // put and get check the binding against the running task's loop, not a look-up of their own
        Queue<String> q = new Queue<>(1);
        Coro.run(() -> q.put("a"));
        IllegalStateException get = assertThrows(IllegalStateException.class, () -> Coro.run(q::get));
        assertTrue(get.getMessage().contains("bound to a different event loop"), get.getMessage());
        IllegalStateException put = assertThrows(IllegalStateException.class, () -> Coro.run(() -> q.put("b")));
        assertTrue(put.getMessage().contains("bound to a different event loop"), put.getMessage());
        IllegalStateException noLoop = assertThrows(IllegalStateException.class, q::qsize);
        assertTrue(noLoop.getMessage().contains("no event loop runs"), noLoop.getMessage());
        IllegalStateException noTask = assertThrows(IllegalStateException.class, q::get);
        assertTrue(noTask.getMessage().contains("io.coro4j.sync.Queue.get was called outside any coroutine"),
                noTask.getMessage());
    }

    @Test
    void joinWaitsForEveryTaskDone() {
        Coro.run(() -> {
            Queue<Integer> q = new Queue<>();
            q.join(); // nothing put: at once
            q.putNowait(1);
            q.putNowait(2);
            Task<Void> worker = Coro.createTask(() -> {
                expect(2);
                q.get();
                q.taskDone();
                q.get();
                Coro.sleep(ZERO);
                expect(3);
                q.taskDone();
            });
            expect(1);
            q.join();
            expect(4);
            worker.join();
            assertEquals("taskDone() called too many times",
                    assertThrows(IllegalStateException.class, q::taskDone).getMessage());
        });
        finish(5);
    }

    @Test
    void shutdownWakesWaitingGettersAndPutters() {
        Coro.run(() -> {
            Queue<Integer> empty = new Queue<>();
            Task<Integer> getter = Coro.createTask(empty::get);
            Queue<Integer> full = new Queue<>(1);
            full.putNowait(1);
            Task<Void> putter = Coro.createTask(() -> full.put(2));
            Coro.sleep(ZERO);
            empty.shutdown();
            full.shutdown();
            assertThrowsAsync(QueueShutDownException.class, getter::join);
            assertThrowsAsync(QueueShutDownException.class, putter::join);
            assertTrue(full.isShutDown());
            assertThrows(QueueShutDownException.class, () -> full.putNowait(3));
            assertEquals(1, full.get(), "the items left can still be taken");
            assertThrowsAsync(QueueShutDownException.class, full::get);
            assertThrows(QueueShutDownException.class, full::getNowait);
        });
    }

    @Test
    void anImmediateShutdownDropsTheItemsAndReleasesJoin() {
        Coro.run(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            q.putNowait(2);
            Task<Void> joiner = Coro.createTask(() -> {
                expect(2);
                q.join();
                expect(4);
            });
            expect(1);
            Coro.sleep(ZERO);
            expect(3);
            q.shutdown(true);
            assertEquals(0, q.qsize());
            assertThrows(QueueShutDownException.class, q::getNowait);
            joiner.join();
        });
        finish(5);
    }
}
