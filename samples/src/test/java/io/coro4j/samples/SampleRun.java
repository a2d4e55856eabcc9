package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One run of a sample's {@code main(String[])} in a fresh JVM, as a user would start it, and its expected
 * output: with no agent (the Maven plugin rewrote the samples at build time), or with the agent for the
 * sample the plugin leaves to it. The samples whose output depends on timers run in the test's JVM instead,
 * on virtual time ({@link #printedBy}).
 *
 * <p>The agent jar comes from the system property {@code coro4j.agent.jar} (set by surefire in
 * {@code samples/pom.xml}); the class path is this test JVM's, which surefire keeps free of the
 * instrumenter's classes.
 */
final class SampleRun {
    private static final long TIMEOUT_SECONDS = 60;

    final String stdout;
    final String stderr;
    final int exitCode;

    private SampleRun(String stdout, String stderr, int exitCode) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.exitCode = exitCode;
    }

    /** Runs {@code mainClass} with no agent to its end; fails the test if it does not end within a minute. */
    static SampleRun of(Class<?> mainClass) throws IOException, InterruptedException {
        return run(List.of(), mainClass);
    }

    /** Runs {@code mainClass} with the agent ({@code -javaagent}), which rewrites it when it loads. */
    static SampleRun withAgent(Class<?> mainClass) throws IOException, InterruptedException {
        String agent = System.getProperty("coro4j.agent.jar");
        assertTrue(agent != null && Files.isRegularFile(Path.of(agent)),
                "system property coro4j.agent.jar must name the built agent jar, was " + agent);
        return run(List.of("-javaagent:" + agent), mainClass);
    }

    private static SampleRun run(List<String> jvmOptions, Class<?> mainClass)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.addAll(List.of("-classpath", System.getProperty("java.class.path"), mainClass.getName()));
        return start(arguments, mainClass.getSimpleName());
    }

    /**
     * Runs {@code mainClass} on the module path: {@code java [jvmOptions] --module-path modulePath
     * --add-modules io.coro4j --module moduleName/mainClass}, with no class path.
     */
    static SampleRun onModulePath(List<String> jvmOptions, String modulePath, String moduleName, Class<?> mainClass)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.addAll(List.of("--module-path", modulePath, "--add-modules", "io.coro4j",
                "--module", moduleName + "/" + mainClass.getName()));
        return start(arguments, mainClass.getSimpleName());
    }

    private static SampleRun start(List<String> arguments, String what) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(what + " did not end within " + TIMEOUT_SECONDS + " s; output so far:\n"
                    + out.getNow("") + err.getNow(""));
        }
        return new SampleRun(out.join(), err.join(), process.exitValue());
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The lines printed on standard output. */
    List<String> lines() {
        return stdout.lines().toList();
    }

    /** This run with {@code lines} for its output: to compare a part of what it printed with an expected file. */
    SampleRun withOutput(List<String> lines) {
        return new SampleRun(String.join("\n", lines) + "\n", stderr, exitCode);
    }

    /** Fails unless the sample exited with 0 and printed nothing on standard error. */
    void assertSucceeded() {
        assertEquals(0, exitCode, "exit code; stderr:\n" + stderr + "\nstdout:\n" + stdout);
        assertEquals("", stderr, "standard error");
    }

    /**
     * Fails unless the output matches the expected-output file {@code NAME.expected} beside the sample's
     * class (in {@code src/test/resources}), line by line. A line of that file is literal, except one
     * that starts with {@code ~}: the rest of it is a regular expression the whole output line must match.
     */
    void assertMatchesExpected(String name) throws IOException {
        assertOutputMatches(name, stdout);
    }

    /** {@link #assertMatchesExpected} for what a sample printed in this JVM ({@link #printedBy}). */
    static void assertOutputMatches(String name, String stdout) throws IOException {
        List<String> expected = expectedLines(name);
        List<String> actual = stdout.lines().toList();
        String both = "\nexpected (" + name + ".expected):\n" + String.join("\n", expected)
                + "\nactual:\n" + stdout;
        assertEquals(expected.size(), actual.size(), "number of lines" + both);
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String got = actual.get(i);
            if (want.startsWith("~")) {
                assertTrue(Pattern.compile(want.substring(1)).matcher(got).matches(),
                        "line " + (i + 1) + " does not match " + want.substring(1) + both);
            } else {
                assertEquals(want, got, "line " + (i + 1) + both);
            }
        }
    }

    /**
     * What a sample's main coroutine prints when it runs in the calling task: in this JVM, on the loop of the
     * test (a {@code @CoroTest} on virtual time, where its sleeps and deadlines take no real time and keep
     * their order however loaded the machine). Standard output is taken for the while.
     */
    @Async
    static String printedBy(AsyncRunnable main) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static List<String> expectedLines(String name) throws IOException {
        String resource = name + ".expected";
        try (InputStream in = SampleRun.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "no expected-output file " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
