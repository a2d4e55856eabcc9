package io.coro4j.instrument.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.pipeline.RewriteMark;
import io.coro4j.instrument.support.InMemoryCompiler;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

/**
 * {@code java -jar coro4j-agent.jar rewrite ...}: its exit status (1 on a refusal, 0 with
 * {@code --warn-on-refusal}, 2 on bad usage) and what it prints. The agent jar itself is run by the
 * tests module ({@code io.coro4j.attach.RewriteCommandJarTest}).
 */
class RewriteCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new RewriteCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The test's application in {@code classes/}, its library in {@code lib/}. */
    private Path compile(Map<String, String> sources) throws IOException {
        Map<String, String> all = new HashMap<>(sources);
        all.putAll(DirectoryTargetTest.LIB);
        for (Map.Entry<String, byte[]> entry : InMemoryCompiler.compile(all, 17).entrySet()) {
            Path file = dir.resolve(entry.getKey().startsWith("lib.") ? "lib" : "classes")
                    .resolve(entry.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
        return dir.resolve("classes");
    }

    private String classPath() {
        return dir.resolve("lib") + File.pathSeparator + DirectoryTargetTest.runtime();
    }

    @Test
    void aRefusalIsAnErrorWithFileAndLineAndExitStatusOne() throws Exception {
        Path classes = compile(DirectoryTargetTest.APP);

        int status = run("rewrite", classes.toString(), "--classpath", classPath());

        assertEquals(1, status, out() + err());
        assertTrue(err().contains("error: app/Bad.java:3: coro4j refused to rewrite coroutine method"
                + " app.Bad.m(Bad.java:3): it is synchronized"), err());
        assertTrue(err().contains("error: coro4j refused 1 coroutine method"), err());
        assertTrue(out().contains("coro4j rewrote 4 coroutine methods in 3 classes of " + classes), out());
    }

    @Test
    void warnOnRefusalWritesTheRefusedClassAndExitsZero() throws Exception {
        Path classes = compile(DirectoryTargetTest.APP);

        int status = run("rewrite", "--warn-on-refusal", "--verbose", classes.toString(), "-cp", classPath());

        assertEquals(0, status, out() + err());
        assertTrue(err().contains("warning: app/Bad.java:3: coro4j refused"), err());
        assertTrue(out().contains("coro4j rewrote app.Job.call()Ljava/lang/Integer;"), out());
        assertTrue(RewriteMark.isMarked(new ClassReader(Files.readAllBytes(classes.resolve("app/Bad.class")))));
    }

    @Test
    void aSecondRunRewritesNothing() throws Exception {
        Map<String, String> sources = new HashMap<>(DirectoryTargetTest.APP);
        sources.remove("app.Bad");
        Path classes = compile(sources);
        assertEquals(0, run("rewrite", classes.toString(), "--classpath", classPath()), err());
        out.reset();

        assertEquals(0, run("rewrite", classes.toString(), "--classpath", classPath()), err());

        assertTrue(out().contains("coro4j rewrote 0 coroutine methods in 0 classes of " + classes
                + " (4 class files, 3 rewritten before)"), out());
    }

    @Test
    void badUsageExitsTwoWithTheUsage() {
        assertEquals(2, run());
        assertTrue(err().contains("Usage: java -jar coro4j-agent.jar rewrite"), err());
        err.reset();
        assertEquals(2, run("rewrite"));
        assertTrue(err().contains("error: name at least one directory or jar to rewrite"), err());
        err.reset();
        assertEquals(2, run("rewrite", dir.resolve("missing").toString()));
        assertTrue(err().contains("error: no directory or jar at " + dir.resolve("missing")), err());
        err.reset();
        assertEquals(2, run("rewrite", "--bogus", dir.toString()));
        assertTrue(err().contains("error: unknown option --bogus"), err());
        err.reset();
        assertEquals(2, run("rewrite", dir.toString(), "--classpath"));
        assertTrue(err().contains("error: --classpath needs a value"), err());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("--warn-on-refusal"), out());
    }
}
