package io.coro4j.sync;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import io.coro4j.Coro;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** asyncio's test_locks.py BarrierTests: indices, rounds, abort, reset, cancellation. */
class BarrierTest extends StepRecorder {
    @Test
    void partiesPassTogetherWithDistinctIndices() {
        Coro.run(() -> {
            Barrier barrier = new Barrier(3);
            List<String> log = new ArrayList<>();
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                tasks.clear();
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    tasks.add(Coro.createTask(() -> {
                        log.add("in" + n);
                        int index = barrier.await();
                        log.add("out" + n);
                        return index;
                    }));
                }
                assertEquals(new TreeSet<>(List.of(0, 1, 2)), new TreeSet<>(Coro.gather(tasks)));
                assertEquals(List.of("in0", "in1", "in2"), log.subList(0, 3), "nobody left before all came");
                log.clear();
            }
            assertEquals(0, barrier.waiting());
            assertEquals(3, barrier.parties());
        });
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    @Test
    void abortBreaksWaitersAndLaterArrivalsUntilReset() {
        Coro.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> waiter = Coro.createTask(barrier::await);
            Coro.sleep(ZERO);
            assertEquals(1, barrier.waiting());
            barrier.abort();
            assertTrue(barrier.isBroken());
            assertThrowsAsync(BrokenBarrierException.class, waiter::join);
            assertThrowsAsync(BrokenBarrierException.class, barrier::await);
            barrier.reset();
            assertFalse(barrier.isBroken());
            Task<Integer> a = Coro.createTask(barrier::await);
            Task<Integer> b = Coro.createTask(barrier::await);
            assertEquals(1, a.join() + b.join());
        });
    }

    @Test
    void resetBreaksTheTasksWaiting() {
        Coro.run(() -> {
            Barrier barrier = new Barrier(3);
            Task<Integer> w1 = Coro.createTask(barrier::await);
            Task<Integer> w2 = Coro.createTask(barrier::await);
            Coro.sleep(ZERO);
            barrier.reset();
            assertThrowsAsync(BrokenBarrierException.class, w1::join);
            assertThrowsAsync(BrokenBarrierException.class, w2::join);
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.waiting());
        });
    }

    @Test
    void aCancelledWaiterLeavesTheBarrier() {
        Coro.run(() -> {
            Barrier barrier = new Barrier(2);
            Task<Integer> w = Coro.createTask(barrier::await);
            Coro.sleep(ZERO);
            assertEquals(1, barrier.waiting());
            w.cancel();
            assertThrowsAsync(CancellationException.class, w::join);
            assertEquals(0, barrier.waiting());
            Task<Integer> a = Coro.createTask(barrier::await);
            Task<Integer> b = Coro.createTask(barrier::await);
            assertEquals(1, a.join() + b.join(), "a full round with the two newcomers");
        });
    }
}
