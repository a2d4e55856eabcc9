package io.coro4j.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's JFR events in a recording made from outside the process, as an operator makes one:
 * {@code jcmd <pid> JFR.start} on a running program, then {@code jcmd <pid> JFR.dump}, and the events are
 * read back from the file. And a program that never records loads none of the event classes.
 */
class JcmdRecordingTest {
    private static final long TIMEOUT_SECONDS = 60;

    @Test
    void aRecordingStartedWithJcmdHoldsTheEvents(@TempDir Path dir) throws Exception {
        Path stop = dir.resolve("stop");
        Path file = dir.resolve("coro4j.jfr");
        Program program = Program.start(List.of(), stop);
        try {
            program.awaitLine("round 1");
            String started = jcmd(program.pid(), "JFR.start", "name=coro4j-test");
            assertTrue(started.contains("Started recording"), started);
            program.awaitLine("round " + (program.roundsSoFar() + 3)); // three rounds recorded
            String dumped = jcmd(program.pid(), "JFR.dump", "name=coro4j-test", "filename=" + file);
            assertTrue(Files.size(file) > 0, dumped);
        } finally {
            Files.createFile(stop);
            program.awaitExit();
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> failed = named(events, "io.coro4j.TaskFinished").stream()
                .filter(e -> e.getString("task").startsWith("failing-")).collect(Collectors.toList());
        assertTrue(failed.size() >= 3, "a failing task per round: " + failed);
        assertEquals("failed", failed.get(0).getString("outcome"));
        assertTrue(failed.get(0).getString("exception").startsWith("java.lang.IllegalStateException: round "));
        assertTrue(named(events, "io.coro4j.TaskCreated").stream()
                .anyMatch(e -> e.getString("task").equals(failed.get(0).getString("task"))));
        assertTrue(named(events, "io.coro4j.SlowStep").stream()
                .anyMatch(e -> e.getString("callback").startsWith("Handle[") && e.getDuration().toMillis() >= 150),
                "the blocking callback, over the default threshold of 100 ms: " + named(events, "io.coro4j.SlowStep"));
        assertTrue(named(events, "io.coro4j.LoopLag").stream()
                .anyMatch(e -> e.getDuration("lag").toMillis() >= 100),
                "the timer due while the callback blocked: " + named(events, "io.coro4j.LoopLag"));
    }

    @Test
    void aProgramThatNeverRecordsLoadsNoEventClass(@TempDir Path dir) throws Exception {
        Path stop = dir.resolve("stop");
        Path classes = dir.resolve("classes.log");
        Program program = Program.start(List.of("-Xlog:class+load=info:file=" + classes), stop);
        try {
            program.awaitLine("round 2");
        } finally {
            Files.createFile(stop);
            program.awaitExit();
        }
        List<String> ours = Files.readAllLines(classes).stream().filter(l -> l.contains(" io.coro4j.internal.jfr."))
                .map(l -> l.replaceAll(".* (io\\.coro4j\\.internal\\.jfr\\.\\S+) .*", "$1")).sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("io.coro4j.internal.jfr.Flight", "io.coro4j.internal.jfr.Flight$Listen",
                "io.coro4j.internal.jfr.FlightEvents", "io.coro4j.internal.jfr.FlightEvents$Listener"), ours,
                "the flag and the listener; no event class");
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type)).collect(Collectors.toList());
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            fail("jcmd did not end: " + line + "\n" + out);
        }
        assertEquals(0, jcmd.exitValue(), line + "\n" + out);
        return out;
    }

    /** {@link RecordedProgram} in a JVM of its own, with the agent, and the lines it prints. */
    private static final class Program {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuilder seen = new StringBuilder();
        private int rounds;

        private Program(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l = in.readLine(); l != null; l = in.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    lines.add("(reading failed: " + e + ")");
                }
            }, "recorded-program-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Program start(List<String> jvmOptions, Path stop) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-javaagent:" + System.getProperty("coro4j.agent.jar"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                    System.getProperty("java.class.path")), RecordedProgram.class.getName(), stop.toString()));
            return new Program(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        long pid() {
            return process.pid();
        }

        /** The last round printed until now (the lines not read yet are read). */
        int roundsSoFar() {
            for (String line = lines.poll(); line != null; line = lines.poll()) {
                take(line);
            }
            return rounds;
        }

        private void take(String line) {
            seen.append(line).append('\n');
            if (line.startsWith("round ")) {
                rounds = Integer.parseInt(line.substring("round ".length()));
            }
        }

        void awaitLine(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    take(line);
                    if (line.equals(expected)) {
                        return;
                    }
                }
                if (line == null && !process.isAlive()) {
                    break;
                }
            }
            fail("no line '" + expected + "' from the program; it printed:\n" + seen);
        }

        void awaitExit() throws InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the program did not stop");
            }
            assertEquals(0, process.exitValue(), "its exit status; it printed:\n" + seen);
        }
    }
}
