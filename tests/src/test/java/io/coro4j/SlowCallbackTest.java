package io.coro4j;

import org.junit.jupiter.api.Test;

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
 * fast one is not; out of debug mode nothing is.
 */
class SlowCallbackTest extends StepRecorder {
    private static int busyLine;

    /** Holds the loop thread, as blocking code in a coroutine would. */
    private static void block(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Async
    static void busy() {
        Coro.sleep(ZERO);
        block(150);
        busyLine = new Throwable().getStackTrace()[0].getLineNumber(); Coro.sleep(ms(1));
    }

    @Async
    static void quick() {
        Coro.sleep(ZERO);
        Coro.sleep(ms(1));
    }

    @Async
    static void busyAndQuick() {
        Coro.getRunningLoop().setSlowCallbackDuration(ms(100));
        Task<Void> busy = Coro.createTask(SlowCallbackTest::busy, "busy");
        Task<Void> quick = Coro.createTask(SlowCallbackTest::quick, "quick");
        busy.join();
        quick.join();
    }

    @Test
    void inDebugModeASlowStepIsLoggedWithTheTaskAndWhereItWaits() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(SlowCallbackTest::busyAndQuick, true);
            List<LogRecord> records = log.containing("name='busy'");
            assertEquals(1, records.size(), records.toString());
            LogRecord r = records.get(0);
            assertEquals(Level.WARNING, r.getLevel());
            String[] lines = r.getMessage().split("\n");
            assertTrue(lines[0].matches("Executing <Task pending name='busy' coro=<SlowCallbackTest\\.busy\\(\\) running"
                    + " at SlowCallbackTest\\.java:" + busyLine + ">> took \\d+\\.\\d{3} seconds; it now waits at:"),
                    lines[0]);
            assertTrue(lines[1].startsWith("\tat io.coro4j.Coro.sleep(Coro.java:"), r.getMessage());
            assertEquals("\tat io.coro4j.SlowCallbackTest.busy(SlowCallbackTest.java:" + busyLine + ")", lines[2]);
            assertEquals(List.of(), log.containing("name='quick'"), "a fast step is not logged");
        }
    }

    @Test
    void outOfDebugModeNothingIsLogged() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                assertFalse(Coro.getRunningLoop().isDebug(), "off unless -Dcoro4j.debug=true");
                busyAndQuick();
            });
            assertEquals(List.of(), log.containing("Executing "));
        }
    }

    @Test
    void aSlowPlainCallbackIsLoggedToo() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                loop.setSlowCallbackDuration(ms(50));
                loop.callSoon(() -> block(100));
                Coro.sleep(ms(1));
            }, true);
            List<LogRecord> records = log.containing("Executing Handle[");
            assertEquals(1, records.size(), log.records().toString());
            assertTrue(records.get(0).getMessage().matches("Executing Handle\\[.*\\] took \\d+\\.\\d{3} seconds"),
                    records.get(0).getMessage());
        }
    }

    @Test
    void debugModeCanBeSwitchedOnWhileTheLoopRuns() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                assertEquals(Duration.ofMillis(100), loop.getSlowCallbackDuration(), "asyncio's default 0.1 s");
                loop.setSlowCallbackDuration(ms(50));
                block(80); // this step started out of debug mode
                loop.setDebug(true);
                assertTrue(loop.isDebug());
                Coro.sleep(ZERO);
                block(80);
                Coro.sleep(ZERO);
                loop.setDebug(false);
                Coro.sleep(ZERO);
                block(80);
            });
            assertEquals(1, log.containing("Executing <Task pending name='Task-").size(), log.records().toString());
        }
    }
}
