package io.coro4j.internal.loop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loop core without coroutines: asyncio's {@code _run_once} ordering on virtual time. */
class LoopCoreTest {
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final List<String> log = new ArrayList<>();
    private LoopCore loop;

    @BeforeEach
    void setUp() {
        loop = new LoopCore(clock);
    }

    @AfterEach
    void tearDown() {
        if (!loop.isClosed()) {
            loop.close();
        }
    }

    private Runnable record(String what) {
        return () -> log.add(what);
    }

    @Test
    void callSoonRunsInFifoOrderAtTheNextTurn() {
        loop.callSoon(record("a"));
        loop.callSoon(record("b"));
        loop.callSoon(record("c"));
        assertEquals(List.of(), log, "nothing runs inside callSoon");
        loop.runOnce();
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void callbacksAddedDuringATurnWaitForTheNextTurn() {
        loop.callSoon(() -> {
            log.add("a");
            loop.callSoon(record("c"));
        });
        loop.callSoon(record("b"));
        loop.runOnce();
        assertEquals(List.of("a", "b"), log);
        loop.runOnce();
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void timersFireByDeadlineThenByTheOrderSet() {
        loop.callLater(30 * MS, record("30"));
        loop.callLater(10 * MS, record("10-first"));
        loop.callAt(10 * MS, record("10-second"));
        loop.callLater(20 * MS, record("20"));
        loop.callLater(10 * MS, record("10-third"));
        clock.advance(10 * MS);
        loop.runOnce();
        assertEquals(List.of("10-first", "10-second", "10-third"), log);
        clock.advance(25 * MS);
        loop.runOnce();
        assertEquals(List.of("10-first", "10-second", "10-third", "20", "30"), log);
        assertEquals(0, loop.timerCount());
    }

    /** A sleeper as the task package makes it: no timer object, only its slot and sequence number in the queue. */
    private final class TestSleeper extends HeldSlots {
        private final String name;

        TestSleeper(String name) {
            this.name = name;
        }

        @Override
        public void sleepOver() {
            log.add(name);
        }
    }

    @Test
    void sleepersAndTimersShareOneOrderAndASleepEndsAtTheNextTurnsPlaceOfItsTimer() {
        TestSleeper s1 = new TestSleeper("sleeper-10");
        TestSleeper s2 = new TestSleeper("sleeper-5");
        TestSleeper gone = new TestSleeper("cancelled");
        loop.callLater(10 * MS, record("timer-10-first"));
        loop.sleep(s1, 10 * MS);
        loop.callAt(10 * MS, record("timer-10-last"));
        loop.sleep(s2, 5 * MS);
        loop.sleep(gone, 5 * MS);
        assertThrows(IllegalStateException.class, () -> loop.sleep(s1, 20 * MS), "already asleep");
        assertEquals(10 * MS, loop.sleepDeadline(s1));
        loop.cancelSleep(gone);
        loop.cancelSleep(gone);
        assertEquals(0, gone.timerSlot());
        assertEquals(4, loop.timerCount());
        List<Object> queued = new ArrayList<>();
        loop.forEachQueued(queued::add);
        assertEquals(4, queued.size());
        assertTrue(queued.contains(s1) && queued.contains(s2));
        clock.advance(10 * MS);
        loop.callSoon(() -> {
            // the due sleepers wait in the ready queue: they are still found there, as themselves
            List<Object> ready = new ArrayList<>();
            loop.forEachQueued(ready::add);
            log.add("ready holds both sleepers: " + (ready.contains(s1) && ready.contains(s2)));
        });
        loop.runOnce();
        assertEquals(List.of("ready holds both sleepers: true", "sleeper-5", "timer-10-first", "sleeper-10",
                "timer-10-last"), log);
        assertEquals(0, s1.timerSlot());
        assertEquals(0, loop.timerCount());
    }

    @Test
    void closeEmptiesTheTimerQueueOfSleepersToo() {
        TestSleeper s = new TestSleeper("s");
        loop.sleep(s, 10 * MS);
        loop.close();
        assertEquals(0, s.timerSlot());
        assertEquals(0, loop.timerCount());
    }

    @Test
    void dueTimersRunAfterTheCallbacksAlreadyReady() {
        loop.callLater(0, record("timer"));
        loop.callSoon(record("soon"));
        loop.runOnce();
        assertEquals(List.of("soon", "timer"), log);
    }

    @Test
    void aTurnWaitsForTheNextTimerOnTheClock() {
        loop.callLater(50 * MS, record("late"));
        loop.runOnce(); // nothing ready: the manual clock jumps to the deadline
        assertEquals(List.of("late"), log);
        assertEquals(50 * MS, clock.nanoTime());
    }

    @Test
    void aTimerWithANegativeDelayIsDueNow() {
        loop.callLater(-5 * MS, record("now"));
        loop.runOnce();
        assertEquals(List.of("now"), log);
        assertEquals(0, clock.nanoTime());
    }

    @Test
    void cancelledTimersNeverFireAndLeaveTheQueue() {
        Timer a = loop.callLater(10 * MS, record("a"));
        loop.callLater(10 * MS, record("b"));
        Timer c = loop.callLater(5 * MS, record("c"));
        loop.cancel(a);
        loop.cancel(c);
        loop.cancel(c);
        assertEquals(1, loop.timerCount());
        clock.advance(10 * MS);
        loop.runOnce();
        assertEquals(List.of("b"), log);
    }

    @Test
    void aTimerCancelledAfterItBecameReadyDoesNotRun() {
        Timer[] second = new Timer[1];
        loop.callLater(1 * MS, () -> {
            log.add("first");
            loop.cancel(second[0]);
        });
        second[0] = loop.callLater(1 * MS, record("second"));
        clock.advance(1 * MS);
        loop.runOnce();
        assertEquals(List.of("first"), log);
    }

    @Test
    void manyTimersComeOutSorted() {
        List<Long> fired = new ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long delay = random.nextInt(100);
            timers.add(loop.callLater(delay, () -> fired.add(delay)));
        }
        for (int i = 0; i < 500; i += 7) {
            loop.cancel(timers.get(i));
        }
        clock.advance(1000);
        loop.runOnce();
        assertEquals(500 - (500 + 6) / 7, fired.size());
        for (int i = 1; i < fired.size(); i++) {
            assertTrue(fired.get(i - 1) <= fired.get(i), "sorted at " + i);
        }
    }

    @Test
    void aThrowingCallbackIsLoggedAndTheLoopGoesOn() {
        loop.callSoon(record("before"));
        loop.callSoon(() -> {
            throw new IllegalStateException("boom (expected by the test)");
        });
        loop.callSoon(record("after"));
        loop.runOnce();
        assertEquals(List.of("before", "after"), log);
        loop.callSoon(record("next turn"));
        loop.runOnce();
        assertEquals(List.of("before", "after", "next turn"), log);
    }

    @Test
    void postsFromAnotherThreadWakeAParkedLoop() throws Exception {
        LoopCore real = new LoopCore(Clock.system());
        try {
            CountDownLatch parked = new CountDownLatch(1);
            Thread poster = new Thread(() -> {
                try {
                    parked.await();
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                real.callSoonThreadsafe(record("posted"));
            });
            poster.start();
            parked.countDown();
            real.callLater(Duration.ofSeconds(10), record("gave up"));
            while (log.isEmpty()) {
                real.runOnce(); // nothing ready, the only timer far away: parks until the post
            }
            poster.join();
            assertEquals(List.of("posted"), log);
        } finally {
            real.close();
        }
    }

    @Test
    void postsKeepTheirOrderAndComeAfterTheReadyQueue() throws Exception {
        loop.callSoon(record("ready"));
        Thread poster = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                loop.callSoonThreadsafe(record("p" + i));
            }
        });
        poster.start();
        poster.join();
        loop.runOnce();
        List<String> expected = new ArrayList<>();
        expected.add("ready");
        for (int i = 0; i < 100; i++) {
            expected.add("p" + i);
        }
        assertEquals(expected, log);
    }

    @Test
    void manyThreadsPostingLoseNothing() throws Exception {
        LoopCore real = new LoopCore(Clock.system());
        int threads = 4;
        int each = 10_000;
        int[] count = {0};
        try {
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread p = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        real.callSoonThreadsafe(() -> count[0]++);
                    }
                });
                posters.add(p);
                p.start();
            }
            boolean[] gaveUp = {false};
            real.callLater(Duration.ofSeconds(20), () -> gaveUp[0] = true);
            while (count[0] < threads * each && !gaveUp[0]) {
                real.runOnce();
            }
            for (Thread p : posters) {
                p.join(TimeUnit.SECONDS.toMillis(5));
            }
            assertEquals(threads * each, count[0]);
        } finally {
            real.close();
        }
    }

    @Test
    void callSoonThreadsafeOnTheLoopThreadIsCallSoon() {
        loop.callSoon(record("a"));
        loop.callSoonThreadsafe(record("b"));
        loop.callSoon(record("c"));
        loop.runOnce();
        assertEquals(List.of("a", "b", "c"), log);
    }

    @Test
    void runForeverStopsAtTheEndOfTheTurnThatCalledStop() {
        loop.callSoon(() -> {
            log.add("a");
            loop.callSoon(() -> {
                log.add("b");
                loop.stop();
                loop.callSoon(record("next run"));
            });
        });
        loop.callSoon(record("a2"));
        loop.runForever();
        assertEquals(List.of("a", "a2", "b"), log);
        loop.stop();
        loop.runForever(); // stop before runForever: one turn
        assertEquals(List.of("a", "a2", "b", "next run"), log);
    }

    @Test
    void aTurnCannotNestAndTheLoopBelongsToItsThread() throws Exception {
        loop.callSoon(() -> assertThrows(IllegalStateException.class, loop::runOnce));
        loop.runOnce();
        Throwable[] seen = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                loop.runOnce();
            } catch (Throwable t) {
                seen[0] = t;
            }
        });
        other.start();
        other.join();
        assertTrue(seen[0] instanceof IllegalStateException, String.valueOf(seen[0]));
    }

    @Test
    void aClosedLoopRefusesWork() {
        loop.callSoon(record("dropped"));
        loop.callLater(1, record("dropped too"));
        loop.close();
        assertTrue(loop.isClosed());
        assertEquals(0, loop.readyCount());
        assertEquals(0, loop.timerCount());
        assertThrows(IllegalStateException.class, () -> loop.callSoon(record("x")));
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(record("x")));
        assertFalse(loop.offerThreadsafe(record("x")));
        assertThrows(IllegalStateException.class, loop::runOnce);
        assertEquals(List.of(), log);
    }

    @Test
    void anInterruptWhileWaitingDoesNotSpinAndIsGivenBack() {
        LoopCore real = new LoopCore(Clock.system());
        try {
            real.callLater(30 * MS, () -> {
                log.add("timer");
                real.stop();
            });
            Thread.currentThread().interrupt();
            real.runForever();
            assertEquals(List.of("timer"), log);
            assertTrue(Thread.interrupted(), "the interrupt is given back when the loop stops");
        } finally {
            Thread.interrupted();
            real.close();
        }
    }

    @Test
    void hugeDelaysSaturate() {
        Timer t = loop.callLater(Duration.ofSeconds(Long.MAX_VALUE), record("never"));
        assertEquals(Long.MAX_VALUE, t.deadline());
        assertEquals(Long.MIN_VALUE, LoopCore.toNanos(Duration.ofSeconds(Long.MIN_VALUE)));
    }

    @Test
    void closeRefusesTheRefusableCallbacksStillQueuedThenRunsTheCloseActions() throws Exception {
        loop.callSoon(Refusable.of(record("never run"), record("refused from the ready queue")));
        loop.callSoon(record("dropped"));
        loop.onClose(record("close action 1"));
        Runnable removed = record("removed close action");
        loop.onClose(removed);
        loop.onClose(record("close action 2"));
        loop.removeOnClose(removed);
        Thread poster = new Thread(() -> {
            loop.callSoonThreadsafe(record("dropped too"));
            loop.callSoonThreadsafe(Refusable.of(record("never run"), record("refused from the inbox")));
        });
        poster.start();
        poster.join();
        loop.close();
        assertEquals(List.of("refused from the ready queue", "refused from the inbox", "close action 1",
                "close action 2"), log);
        loop.close();
        assertEquals(4, log.size(), "closing twice does nothing");
        assertThrows(IllegalStateException.class, () -> loop.onClose(record("late")));
    }

    /** Recursion without end: a real {@link StackOverflowError}. */
    private static int deeper(int n) {
        return deeper(n + 1) + 1;
    }

    @Test
    void aVirtualMachineErrorInACallbackStopsTheLoopAndLeavesTheRestOfTheTurnQueued() {
        loop.callSoon(record("before"));
        loop.callSoon(() -> deeper(0));
        loop.callSoon(record("after"));
        loop.callSoon(() -> loop.callSoon(record("scheduled during the turn")));
        assertThrows(StackOverflowError.class, loop::runOnce, "not logged and forgotten");
        assertEquals(List.of("before"), log);
        assertEquals(2, loop.readyCount(), "the callbacks after it stay queued, in order");
        loop.runOnce();
        loop.runOnce();
        assertEquals(List.of("before", "after", "scheduled during the turn"), log);

        loop.callSoon(() -> {
            throw new OutOfMemoryError("simulated (expected by the test)");
        });
        loop.callSoon(() -> loop.stop());
        assertThrows(OutOfMemoryError.class, loop::runForever);
        assertFalse(loop.isRunning(), "runForever ended with it");
    }
}
