package io.coro4j;

import io.coro4j.junit.CoroTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * asyncio's scheduling, turn by turn: a FIFO ready queue, new tasks after the callbacks already ready,
 * timers by deadline then order set, wake-ups and done callbacks as soon-callbacks.
 */
class OrderingTest extends StepRecorder {
    @Test
    void tasksInterleaveThroughSleepZero() {
        Coro.run(() -> {
            Task<Void> a = Coro.createTask(() -> {
                expect(3);
                Coro.sleep(ZERO);
                expect(5);
                Coro.sleep(ZERO);
                expect(7);
            });
            Task<Void> b = Coro.createTask(() -> {
                expect(4);
                Coro.sleep(ZERO);
                expect(6);
            });
            expect(1);
            // turn 1: main; 2: a, b; 3: a, b (b ends); 4: a ends, wakes main; 5: main
            expect(2);
            a.join();
            expect(8);
            b.join(); // done: no suspension
            expect(9);
        });
        finish(10);
    }

    @Test
    void sleepZeroLetsTheTasksAlreadyReadyRunFirst() {
        Coro.run(() -> {
            Coro.createTask(() -> expect(2));
            Coro.createTask(() -> expect(3));
            expect(1);
            Coro.sleep(ZERO);
            expect(4);
        });
        finish(5);
    }

    @Test
    void aNegativeSleepIsASleepZero() {
        Coro.run(() -> {
            Coro.createTask(() -> expect(2));
            expect(1);
            Coro.sleep(Duration.ofMillis(-5));
            expect(3);
        });
        finish(4);
    }

    @Test
    void aPositiveSleepAlwaysSuspends() {
        Coro.run(() -> {
            Coro.createTask(() -> expect(2));
            expect(1);
            Coro.sleep(Duration.ofNanos(1));
            expect(3);
        });
        finish(4);
    }

    @Test
    void aNewTaskFirstRunsAfterTheCallbacksAlreadyReady() {
        Coro.run(() -> {
            Task<Integer> done = Coro.createTask(() -> 1);
            done.join();
            expect(1);
            done.addDoneCallback(t -> expect(2)); // done: scheduled at once with callSoon
            Task<Void> t = Coro.createTask(() -> expect(3));
            t.join();
            expect(4);
        });
        finish(5);
    }

    @Test
    void doneCallbacksRunAsSoonCallbacksInTheOrderAdded() {
        Coro.run(() -> {
            Task<Integer> t = Coro.createTask(() -> {
                expect(2);
                return 5;
            });
            t.addDoneCallback(x -> expect(3));
            t.addDoneCallback(x -> expect(4));
            expect(1);
            int five = t.join(); // main's wake-up is the third callback
            expect(5);
            assertEquals(5, five);
            t.addDoneCallback(x -> expect(7));
            expect(6); // not run inside addDoneCallback
            Coro.sleep(ZERO);
            expect(8);
        });
        finish(9);
    }

    @CoroTest(virtualTime = true)
    void timersFireByDeadlineThenInTheOrderSet() throws Exception {
        List<String> log = new ArrayList<>();
        Task<Void> a = Coro.createTask(() -> {
            Coro.sleep(ms(60));
            log.add("a60");
        });
        Task<Void> b = Coro.createTask(() -> {
            Coro.sleep(ms(20));
            log.add("b20");
        });
        Task<Void> c = Coro.createTask(() -> {
            Coro.sleep(ms(20));
            log.add("c20");
        });
        Task<Void> d = Coro.createTask(() -> {
            Coro.sleep(ms(40));
            log.add("d40");
        });
        Coro.gather(a, b, c, d);
        assertEquals(List.of("b20", "c20", "d40", "a60"), log);
    }

    @Test
    void aSleepLastsAtLeastItsDelay() {
        long elapsed = Coro.run(() -> {
            long start = System.nanoTime();
            Coro.sleep(ms(50));
            return System.nanoTime() - start;
        });
        assertFalse(elapsed < ms(50).toNanos(), "slept " + elapsed + " ns");
    }

    @Test
    void aJoinerResumesTheTurnAfterTheTaskEnds() {
        Coro.run(() -> {
            Task<Integer> t = Coro.createTask(() -> {
                expect(2);
                Coro.sleep(ZERO);
                expect(4);
                return 1;
            });
            Task<Void> other = Coro.createTask(() -> {
                expect(3);
                Coro.sleep(ZERO);
                expect(5); // queued before t's completion wakes main
            });
            expect(1);
            t.join();
            expect(6);
            other.join();
        });
        finish(7);
    }
}
