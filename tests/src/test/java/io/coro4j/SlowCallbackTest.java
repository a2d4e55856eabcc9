package io.coro4j;

import io.coro4j.junit.CoroTest;
import io.coro4j.junit.TestClock;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debug mode's slow-callback warning, as asyncio's {@code test_base_events} checks
 * {@code slow_callback_duration}: in debug mode a task step or callback that held the loop at least the
 * threshold is logged at WARNING on {@code io.coro4j.loop}, naming the task and where it now waits; a
 * fast one is not; out of debug mode nothing is. On virtual time: a step holds the loop by
 * {@link TestClock#blockFor}, which moves the loop's clock (the one debug mode times steps with) by exactly
 * that much, so every step but those is measured at zero, however loaded the machine.
 */
class SlowCallbackTest extends StepRecorder {
    private static int busyLine;
    /** The test's clock, for the tasks' bodies (method references, so that the repr names their method). */
    private TestClock clock;

    @Async
    void busy() {
        Coro.sleep(ZERO);
        clock.blockFor(ms(150)); // holds the loop thread, as blocking code in a coroutine would
        busyLine = new Throwable().getStackTrace()[0].getLineNumber(); Coro.sleep(ms(1));
    }

    @Async
    static void quick() {
        Coro.sleep(ZERO);
        Coro.sleep(ms(1));
    }

    @Async
    void busyAndQuick(TestClock clock) {
        this.clock = clock;
        Coro.getRunningLoop().setSlowCallbackDuration(ms(100));
        Task<Void> busy = Coro.createTask(this::busy, "busy");
        Task<Void> quick = Coro.createTask(SlowCallbackTest::quick, "quick");
        busy.join();
        quick.join();
    }

    @CoroTest(virtualTime = true)
    void inDebugModeASlowStepIsLoggedWithTheTaskAndWhereItWaits(EventLoop loop, TestClock clock) {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            loop.setDebug(true);
            busyAndQuick(clock);
            List<LogRecord> records = log.containing("name='busy'");
            assertEquals(1, records.size(), records.toString());
            LogRecord r = records.get(0);
            assertEquals(Level.WARNING, r.getLevel());
            String[] lines = r.getMessage().split("\n");
            assertEquals("Executing <Task pending name='busy' coro=<SlowCallbackTest.busy() running at"
                    + " SlowCallbackTest.java:" + busyLine + ">> took 0.150 seconds; it now waits at:", lines[0]);
            assertTrue(lines[1].startsWith("\tat io.coro4j.Coro.sleep(Coro.java:"), r.getMessage());
            assertEquals("\tat io.coro4j.SlowCallbackTest.busy(SlowCallbackTest.java:" + busyLine + ")", lines[2]);
            assertEquals(List.of(), log.containing("name='quick'"), "a fast step is not logged");
            assertEquals(1, log.records().size(), "nothing else held the loop: " + log.records());
        }
    }

    @CoroTest(virtualTime = true)
    void outOfDebugModeNothingIsLogged(EventLoop loop, TestClock clock) {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            assertFalse(loop.isDebug(), "off unless -Dcoro4j.debug=true");
            busyAndQuick(clock);
            assertEquals(List.of(), log.containing("Executing "));
        }
    }

    @CoroTest(virtualTime = true)
    void aSlowPlainCallbackIsLoggedToo(EventLoop loop, TestClock clock) {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(ms(50));
            loop.callSoon(() -> clock.blockFor(ms(100)));
            Coro.sleep(ms(1));
            List<LogRecord> records = log.containing("Executing Handle[");
            assertEquals(1, records.size(), log.records().toString());
            assertTrue(records.get(0).getMessage().matches("Executing Handle\\[.*\\] took 0\\.100 seconds"),
                    records.get(0).getMessage());
        }
    }

    @CoroTest(virtualTime = true)
    void debugModeCanBeSwitchedOnWhileTheLoopRuns(EventLoop loop, TestClock clock) {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            assertEquals(Duration.ofMillis(100), loop.getSlowCallbackDuration(), "asyncio's default 0.1 s");
            loop.setSlowCallbackDuration(ms(50));
            clock.blockFor(ms(80)); // this step started out of debug mode
            loop.setDebug(true);
            assertTrue(loop.isDebug());
            Coro.sleep(ZERO);
            clock.blockFor(ms(80));
            Coro.sleep(ZERO);
            loop.setDebug(false);
            Coro.sleep(ZERO);
            clock.blockFor(ms(80));
            Coro.sleep(ZERO);
            assertEquals(1, log.containing("Executing <Task pending name='Task-").size(), log.records().toString());
        }
    }
}
