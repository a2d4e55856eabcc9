package io.coro4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.coro4j.Coro;
import io.coro4j.EventLoop;
import io.coro4j.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Virtual time: sleeps and timeouts take no real time, the clock jumps to the next timer when every task
 * waits, and a TestClock moves it as kotlinx-coroutines-test's scheduler does (advanceTimeBy leaves what is
 * due at the target time for runCurrent).
 */
class VirtualTimeTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private final List<String> log = new ArrayList<>();

    @CoroTest(virtualTime = true) // no limit on virtual time unless virtualTimeout says so
    void anHourOfSleepTakesNoRealTime(EventLoop loop, TestClock clock) {
        long started = System.nanoTime();
        assertEquals(0, loop.time(), "the clock starts at zero");
        Coro.sleep(Duration.ofHours(1));
        assertEquals(Duration.ofHours(1).toNanos(), loop.time());
        assertEquals(loop.time(), clock.time());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos(), "no real hour");
    }

    @CoroTest(virtualTime = true)
    void timeoutsFireOnVirtualTimeInTheOrderOfTheirDeadlines(EventLoop loop) {
        Task<Void> late = Coro.createTask(() -> {
            Coro.sleep(Duration.ofSeconds(20));
            log.add("late at " + loop.time() / 1_000_000_000);
        });
        try {
            Coro.withTimeout(Duration.ofSeconds(10), () -> Coro.sleep(Duration.ofDays(1)));
            fail("no timeout");
        } catch (TimeoutException e) {
            log.add("timeout at " + loop.time() / 1_000_000_000);
        }
        late.join();
        assertEquals(List.of("timeout at 10", "late at 20"), log);
    }

    @CoroTest(virtualTime = true)
    void advanceByRunsWhatIsDueBeforeTheTargetAndStopsThere(TestClock clock) {
        int[] ticks = {0};
        Task<Void> ticker = Coro.createTask(() -> {
            while (true) {
                Coro.sleep(SECOND);
                ticks[0]++;
            }
        });
        clock.advanceBy(Duration.ofMillis(2500));
        assertEquals(Duration.ofMillis(2500).toNanos(), clock.time());
        assertEquals(2, ticks[0], "the ticks at 1 s and 2 s");
        clock.advanceBy(Duration.ofMillis(500));
        assertEquals(Duration.ofSeconds(3).toNanos(), clock.time());
        assertEquals(2, ticks[0], "the tick due at exactly 3 s waits for runCurrent");
        clock.runCurrent();
        assertEquals(3, ticks[0]);
        assertEquals(Duration.ofSeconds(3).toNanos(), clock.time(), "runCurrent does not move the clock");
        ticker.cancel();
        clock.runCurrent();
        assertTrue(ticker.isCancelled());
    }

    @CoroTest(virtualTime = true)
    void advanceUntilIdleRunsEveryTimerAndStopsAtTheLast(TestClock clock, EventLoop loop) {
        for (int seconds : new int[] {5, 1, 10}) {
            Coro.createTask(() -> {
                Coro.sleep(Duration.ofSeconds(seconds));
                log.add(seconds + " s");
            });
        }
        loop.callLater(Duration.ofSeconds(7), () -> log.add("callback at 7 s"));
        clock.advanceUntilIdle();
        assertEquals(List.of("1 s", "5 s", "callback at 7 s", "10 s"), log);
        assertEquals(Duration.ofSeconds(10).toNanos(), clock.time());
        clock.advanceUntilIdle(); // idle already: returns at once, the clock stays
        assertEquals(Duration.ofSeconds(10).toNanos(), clock.time());
    }

    @CoroTest(virtualTime = true)
    void runCurrentRunsWhatIsReadyNowAndWhatThatMakesReadyNow(TestClock clock, EventLoop loop) {
        loop.callSoon(() -> {
            log.add("callback");
            loop.callSoon(() -> log.add("its callback"));
        });
        Coro.createTask(() -> log.add("task"));
        loop.callLater(Duration.ofMillis(1), () -> log.add("timer"));
        assertEquals(List.of(), log, "nothing ran before the test suspended");
        clock.runCurrent();
        assertEquals(List.of("callback", "task", "its callback"), log);
        assertEquals(0, clock.time());
        clock.advanceBy(Duration.ofMillis(1));
        clock.runCurrent();
        assertEquals(List.of("callback", "task", "its callback", "timer"), log);
    }

    @CoroTest(virtualTime = true)
    void blockForMovesTheClockWithNothingElseRunning(TestClock clock, EventLoop loop) {
        loop.callLater(Duration.ofMillis(10), () -> log.add("timer"));
        clock.blockFor(Duration.ofSeconds(1));
        assertEquals(SECOND.toNanos(), loop.time());
        assertEquals(List.of(), log, "a blocked loop runs nothing");
        clock.runCurrent();
        assertEquals(List.of("timer"), log, "then the late timer runs at once");
    }

    @CoroTest(virtualTime = true)
    void anotherTaskMayMoveTheClockButOnlyOneAtATime(TestClock clock) {
        Task<Void> mover = Coro.createTask(() -> clock.advanceBy(Duration.ofSeconds(5)));
        Coro.sleep(Duration.ZERO); // the mover waits in advanceBy now
        try {
            clock.advanceBy(SECOND);
            fail("two tasks moved the clock");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("one task at a time moves the clock"), e.getMessage());
        }
        mover.join();
        assertEquals(Duration.ofSeconds(5).toNanos(), clock.time());
    }

    @CoroTest(virtualTime = true)
    void aCancelledMoverLetsAnotherMoveTheClock(TestClock clock) {
        Task<Void> mover = Coro.createTask(() -> clock.advanceBy(Duration.ofHours(1)));
        Coro.sleep(Duration.ZERO);
        mover.cancel();
        Coro.sleep(Duration.ZERO);
        assertTrue(mover.isCancelled());
        clock.advanceBy(SECOND);
        assertEquals(SECOND.toNanos(), clock.time());
    }

    @CoroTest(virtualTime = true)
    void theClockCannotGoBack(TestClock clock) {
        try {
            clock.advanceBy(Duration.ofNanos(-1));
            fail("advanced by a negative delay");
        } catch (IllegalArgumentException e) {
            assertEquals("the clock cannot go back: advanceBy(PT-0.000000001S)", e.getMessage());
        }
        try {
            clock.blockFor(Duration.ofNanos(-1));
            fail("blocked for a negative duration");
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage().isEmpty());
        }
        assertEquals(0, clock.time());
    }
}
