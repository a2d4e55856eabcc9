package io.coro4j.instrument.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coro4jtest.agent.Greeter;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.pipeline.FaultInjection;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 item 5, failure is loud and safe: whatever goes wrong, nothing escapes the agent's
 * {@code ClassFileTransformer}, the log says what happened, and no coroutine method runs un-rewritten.
 */
class CoroTransformerFailureTest {
    private static final String GREETER = Greeter.class.getName().replace('.', '/');

    @Test
    void malformedClassFilesAreLeftAsTheyWereAndLogged() throws Exception {
        byte[] valid = TransformingLoader.bytesOf(Greeter.class.getName());
        List<byte[]> malformed = List.of(new byte[0], "not a class file at all".getBytes(),
                Arrays.copyOf(valid, 40), Arrays.copyOf(valid, valid.length / 2),
                Arrays.copyOf(valid, valid.length - 8));
        CoroTransformer agent = new CoroTransformer(new ClassTransformer(new ClassHierarchy()), null, false);
        for (byte[] bytes : malformed) {
            try (LogCapture log = new LogCapture()) {
                assertNull(agent.transform(getClass().getClassLoader(), GREETER, null, null, bytes),
                        () -> bytes.length + " bytes");
                LogRecord record = only(log.records());
                assertEquals(Level.SEVERE, record.getLevel());
                assertEquals("coro4j could not read coro4jtest.agent.Greeter; it is left as it was",
                        record.getMessage());
                assertNotNull(record.getThrown());
            }
        }
        assertEquals(malformed.size(), agent.failedCount());
    }

    @Test
    void classWhoseRewriteFailsGetsCoroutineMethodsThatThrowTheReason() throws Exception {
        RuntimeException bug = new IllegalArgumentException("injected rewriter bug");
        CoroTransformer agent = new CoroTransformer(FaultInjection.failingWith(bug), null, false);
        byte[] refused;
        try (LogCapture log = new LogCapture()) {
            refused = agent.transform(getClass().getClassLoader(), GREETER, null, null,
                    TransformingLoader.bytesOf(Greeter.class.getName()));
            LogRecord record = only(log.records());
            assertEquals(Level.SEVERE, record.getLevel());
            assertEquals("coro4j could not transform coro4jtest.agent.Greeter; its coroutine methods will"
                    + " throw when called", record.getMessage());
            assertSame(bug, record.getThrown());
        }
        assertNotNull(refused);
        assertEquals("", Verification.problems(refused, getClass().getClassLoader()));

        Class<?> greeter = new BytesLoader().define(GREETER, refused);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> greeter.getMethod("greet", String.class).invoke(null, "bob"));
        assertEquals(IllegalStateException.class, thrown.getCause().getClass());
        String message = thrown.getCause().getMessage();
        assertTrue(message.startsWith("coro4j could not transform coro4jtest.agent.Greeter.greet(Greeter.java:"),
                message);
        assertTrue(message.endsWith(": IllegalArgumentException: injected rewriter bug"), message);
        // the plain method is untouched and still runs (its stack map frames were kept)
        assertEquals(-1, greeter.getMethod("sign", int.class).invoke(null, -5));
    }

    @Test
    void dumpWritesJavapReadableClassesAndVerboseLogsEachRewrittenMethod(@TempDir Path dump) throws Exception {
        byte[] rewritten;
        try (LogCapture log = new LogCapture()) {
            CoroTransformer agent = withProperties(dump.toString(), "true");
            rewritten = agent.transform(getClass().getClassLoader(), GREETER, null, null,
                    TransformingLoader.bytesOf(Greeter.class.getName()));
            assertEquals(List.of("coro4j rewrote coro4jtest.agent.Greeter.greet(Ljava/lang/String;)Ljava/lang/String;",
                            "coro4j rewrote coro4jtest.agent.Greeter.twice(Ljava/lang/String;)Ljava/lang/String;"),
                    log.records().stream().filter(r -> r.getLevel() == Level.INFO).map(LogRecord::getMessage)
                            .sorted().collect(Collectors.toList()));
        }
        Path file = dump.resolve(GREETER + ".class");
        assertArrayEquals(rewritten, Files.readAllBytes(file));

        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", file.toString());
        assertEquals(0, status, out.toString());
        assertTrue(out.toString().contains("io/coro4j/protocol/Continuation.enter"), out.toString());
    }

    @Test
    void withoutThePropertiesNothingIsDumpedAndNoMethodIsLogged(@TempDir Path dump) throws Exception {
        try (LogCapture log = new LogCapture()) {
            CoroTransformer agent = withProperties(null, null);
            assertNotNull(agent.transform(getClass().getClassLoader(), GREETER, null, null,
                    TransformingLoader.bytesOf(Greeter.class.getName())));
            assertEquals(List.of(), log.records());
        }
        try (var files = Files.list(dump)) {
            assertEquals(0, files.count());
        }
    }

    /** A transformer made while {@code coro4j.dump} and {@code coro4j.verbose} are set ({@code null}: unset). */
    private static CoroTransformer withProperties(String dump, String verbose) {
        String oldDump = System.getProperty("coro4j.dump");
        String oldVerbose = System.getProperty("coro4j.verbose");
        set("coro4j.dump", dump);
        set("coro4j.verbose", verbose);
        try {
            return new CoroTransformer();
        } finally {
            set("coro4j.dump", oldDump);
            set("coro4j.verbose", oldVerbose);
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static LogRecord only(List<LogRecord> records) {
        assertEquals(1, records.size(), () -> records.stream().map(LogRecord::getMessage)
                .collect(Collectors.joining("\n")));
        return records.get(0);
    }
}
