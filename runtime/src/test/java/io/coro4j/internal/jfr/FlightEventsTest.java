package io.coro4j.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.Coro;
import io.coro4j.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's JFR events, recorded in this JVM with the {@code jdk.jfr} API and read back from the file
 * with {@link RecordingFile}: a task created and finished (its outcome), a slow step, a late timer, and the
 * two events of the network code, emitted here as that code will.
 */
class FlightEventsTest {
    @Test
    void aRecordingHoldsTheTasksTheSlowStepAndTheLateTimer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("coro4j.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.coro4j.TaskCreated");
            recording.enable("io.coro4j.TaskFinished");
            recording.enable("io.coro4j.SlowStep").withThreshold(Duration.ofMillis(20));
            recording.enable("io.coro4j.LoopLag").with("minimumLag", "20 ms");
            recording.start();
            awaitFlag(true);
            Coro.run(() -> {
                Task<Void> doomed = Coro.createTask(() -> {
                    throw new IllegalStateException("boom");
                }, "doomed");
                Task<String> fine = Coro.createTask(() -> "fine", "fine");
                Coro.getRunningLoop().callLater(Duration.ofMillis(1), () -> { });
                Coro.getRunningLoop().callSoon(() -> block(60)); // holds the loop: a slow step, and the timer is late
                Task<Void> sleeper = Coro.createTask(() -> Coro.sleep(Duration.ofHours(1)), "sleeper");
                Coro.sleep(Duration.ofMillis(5));
                sleeper.cancel();
                try {
                    doomed.join();
                } catch (IllegalStateException expected) {
                    // retrieved
                }
                return fine.join();
            });
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        RecordedEvent created = only(events, "io.coro4j.TaskCreated", "doomed");
        assertEquals("doomed", created.getString("task"));
        assertTrue(created.getString("parent").startsWith("Task-"), created.toString());
        assertTrue(created.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getName().startsWith("lambda$")), "where it was made");
        RecordedEvent main = events.stream().filter(e -> e.getEventType().getName().equals("io.coro4j.TaskCreated"))
                .filter(e -> e.getString("parent") == null).findFirst().orElseThrow();
        assertTrue(main.getString("task").startsWith("Task-"), "Coro.run's main task has no parent");

        assertEquals("failed", only(events, "io.coro4j.TaskFinished", "doomed").getString("outcome"));
        assertEquals("java.lang.IllegalStateException: boom",
                only(events, "io.coro4j.TaskFinished", "doomed").getString("exception"));
        assertEquals("succeeded", only(events, "io.coro4j.TaskFinished", "fine").getString("outcome"));
        assertEquals("cancelled", only(events, "io.coro4j.TaskFinished", "sleeper").getString("outcome"));

        // other steps may be slow too on a loaded machine (the first of a cold JVM): the blocking callback's is
        List<RecordedEvent> slow = named(events, "io.coro4j.SlowStep").stream()
                .filter(e -> e.getString("callback").startsWith("Handle[")).collect(Collectors.toList());
        assertEquals(1, slow.size(), slow.toString());
        assertTrue(slow.get(0).getDuration().toMillis() >= 60, slow.get(0).toString());
        assertTrue(named(events, "io.coro4j.SlowStep").stream().allMatch(e -> e.getDuration().toMillis() >= 20),
                "the threshold holds");

        List<RecordedEvent> lag = named(events, "io.coro4j.LoopLag");
        assertTrue(lag.stream().anyMatch(e -> e.getDuration("lag").toMillis() >= 40 && e.getInt("timers") >= 1),
                "the timer due while the callback blocked: " + lag);
        assertTrue(lag.stream().allMatch(e -> e.getDuration("lag").toMillis() >= 20), "the minimum lag holds");
    }

    @Test
    void aSlowTaskStepSaysWhereTheTaskWaitsAfterIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("steps.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.coro4j.SlowStep").withThreshold(Duration.ofMillis(20));
            recording.start();
            Coro.run(() -> {
                Task<Void> busy = Coro.createTask(() -> {
                    block(40);
                    Coro.sleep(Duration.ofMillis(1));
                }, "busy");
                busy.join();
            });
            recording.stop();
            recording.dump(file);
        }
        // the step that blocked is the one after which the task still waits (a loaded machine may slow another)
        List<RecordedEvent> slow = named(RecordingFile.readAllEvents(file), "io.coro4j.SlowStep").stream()
                .filter(e -> "busy".equals(e.getString("task")))
                .filter(e -> e.getString("callback").startsWith("<Task pending name='busy'"))
                .collect(Collectors.toList());
        assertEquals(1, slow.size(), slow.toString());
        assertTrue(slow.get(0).getString("frames").startsWith("\tat io.coro4j.Coro.sleep(Coro.java:"), slow.toString());
        assertTrue(slow.get(0).getString("frames").contains("\n\tat io.coro4j.internal.jfr.FlightEventsTest.lambda$"),
                slow.toString());
    }

    @Test
    void theNetworkEventsAreOneCallEach(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.coro4j.SelectorRebuilt");
            recording.enable("io.coro4j.WriterPaused");
            recording.start();
            Flight.selectorRebuilt(3, "epoll spin");
            Flight.writerPaused("/127.0.0.1:5000", 70_000, 65_536);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        RecordedEvent rebuilt = named(events, "io.coro4j.SelectorRebuilt").get(0);
        assertEquals(3, rebuilt.getInt("keys"));
        assertEquals("epoll spin", rebuilt.getString("reason"));
        RecordedEvent paused = named(events, "io.coro4j.WriterPaused").get(0);
        assertEquals("/127.0.0.1:5000", paused.getString("connection"));
        assertEquals(70_000, paused.getLong("buffered"));
        assertEquals(65_536, paused.getLong("highWater"));
    }

    @Test
    void theEventsAreRegisteredWithTheRecorderAndTheFlagFallsWhenTheRecordingStops() {
        try (Recording recording = new Recording()) {
            recording.start();
            List<String> names = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                    .map(EventType::getName).filter(n -> n.startsWith("io.coro4j.")).sorted()
                    .collect(Collectors.toList());
            assertEquals(List.of("io.coro4j.LoopLag", "io.coro4j.SelectorRebuilt", "io.coro4j.SlowStep",
                    "io.coro4j.TaskCreated", "io.coro4j.TaskFinished", "io.coro4j.WriterPaused"), names);
            awaitFlag(true);
            recording.stop();
            assertFalse(Flight.recording, "no recording runs any more");
        }
    }

    @Test
    void theMinimumLagSettingReadsJfrTimespans() {
        assertEquals(20_000_000, MinimumLag.parse("20 ms", -1));
        assertEquals(0, MinimumLag.parse("0 ns", -1));
        assertEquals(2_000_000_000, MinimumLag.parse(" 2 s ", -1));
        assertEquals(-1, MinimumLag.parse("soon", -1));
        // as jcmd passes them: JFR.start +io.coro4j.LoopLag#minimumLag=20ms
        assertEquals(20_000_000, MinimumLag.parse("20ms", -1));
        assertEquals(500_000, MinimumLag.parse("500us", -1));
        assertEquals(-1, MinimumLag.parse("20 ms later", -1));
        assertEquals(-1, MinimumLag.parse("ms", -1));
        MinimumLag setting = new MinimumLag();
        assertEquals("1 ms", setting.getValue());
        assertEquals("5 ms", setting.combine(java.util.Set.of("20 ms", "5 ms", "1 s")));
        setting.setValue("5 ms");
        assertEquals(5_000_000, setting.nanos());
    }

    /**
     * The listener sets the flag when the recording starts; in a JVM whose first loop ran before, it may be
     * still being added from its thread at that moment, and then sets the flag when it is.
     */
    private static void awaitFlag(boolean expected) {
        for (int i = 0; i < 500 && Flight.recording != expected; i++) {
            block(10);
        }
        assertEquals(expected, Flight.recording, "the listener saw the recording start");
    }

    private static void block(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).collect(Collectors.toList());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String type, String task) {
        List<RecordedEvent> found = named(events, type).stream().filter(e -> task.equals(e.getString("task")))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), type + " of " + task + ": " + found);
        return found.get(0);
    }
}
