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
import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
    void classWhoseTransformFailsGetsCoroutineMethodsThatThrowTheReason() throws Exception {
        // not a bug of one method's passes (those refuse that method alone): the agent itself is broken
        Error failure = new NoClassDefFoundError("injected: the agent's jar is broken");
        CoroTransformer agent = new CoroTransformer(FaultInjection.failingWith(failure), null, false);
        byte[] refused;
        try (LogCapture log = new LogCapture()) {
            refused = agent.transform(getClass().getClassLoader(), GREETER, null, null,
                    TransformingLoader.bytesOf(Greeter.class.getName()));
            LogRecord record = only(log.records());
            assertEquals(Level.SEVERE, record.getLevel());
            assertEquals("coro4j could not transform coro4jtest.agent.Greeter; its coroutine methods will"
                    + " throw when called", record.getMessage());
            assertSame(failure, record.getThrown());
        }
        assertEquals(1, agent.failedCount());
        assertNotNull(refused);
        assertEquals("", Verification.problems(refused, getClass().getClassLoader()));

        Class<?> greeter = new BytesLoader().define(GREETER, refused);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> greeter.getMethod("greet", String.class).invoke(null, "bob"));
        assertEquals(IllegalStateException.class, thrown.getCause().getClass());
        String message = thrown.getCause().getMessage();
        assertTrue(message.startsWith("coro4j could not transform coro4jtest.agent.Greeter.greet(Greeter.java:"),
                message);
        assertTrue(message.endsWith(": NoClassDefFoundError: injected: the agent's jar is broken"), message);
        // the plain method is untouched and still runs (its stack map frames were kept)
        assertEquals(-1, greeter.getMethod("sign", int.class).invoke(null, -5));
    }

    @Test
    void aRewriterBugInOneMethodIsLoggedWithItsCauseAndRefusesThatMethodAlone() throws Exception {
        RuntimeException bug = new IllegalArgumentException("injected rewriter bug");
        CoroTransformer agent = new CoroTransformer(FaultInjection.failingOn("greet", bug), null, false);
        byte[] rewritten;
        try (LogCapture log = new LogCapture()) {
            rewritten = agent.transform(getClass().getClassLoader(), GREETER, null, null,
                    TransformingLoader.bytesOf(Greeter.class.getName()));
            LogRecord record = only(log.records());
            assertEquals(Level.SEVERE, record.getLevel());
            assertTrue(record.getMessage().startsWith("coro4j failed to rewrite coroutine method"
                    + " coro4jtest.agent.Greeter.greet(Greeter.java:"), record.getMessage());
            assertSame(bug, record.getThrown());
        }
        assertEquals(0, agent.failedCount());
        assertEquals("", Verification.problems(rewritten, getClass().getClassLoader()));
        Class<?> greeter = new BytesLoader().define(GREETER, rewritten);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> greeter.getMethod("greet", String.class).invoke(null, "bob"));
        assertTrue(thrown.getCause().getMessage().contains("IllegalArgumentException: injected rewriter bug"),
                thrown.getCause().getMessage());
        assertTrue(javap(rewritten).contains("io/coro4j/protocol/Continuation.enter"), "twice is rewritten");
    }

    /**
     * Issue 10 item 8: once a class is rewritten, a failure while reporting it (a logging handler that
     * throws, a dump folder that cannot be written) changes nothing: the agent returns the rewritten
     * class, and nothing escapes it.
     */
    @Test
    void aFailureWhileLoggingOrDumpingARewrittenClassDoesNotRefuseIt(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "a file where the dump folder should be");
        Logger logger = Logger.getLogger("io.coro4j.agent");
        Handler broken = new Handler() {
            @Override
            public void publish(LogRecord record) {
                throw new IllegalStateException("injected: the log handler is broken");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(broken);
        try {
            CoroTransformer agent = new CoroTransformer(new ClassTransformer(new ClassHierarchy()),
                    notAFolder, true);
            byte[] rewritten = agent.transform(getClass().getClassLoader(), GREETER, null, null,
                    TransformingLoader.bytesOf(Greeter.class.getName()));
            assertEquals(0, agent.failedCount());
            assertNotNull(rewritten);
            Class<?> greeter = new BytesLoader().define(GREETER, rewritten);
            assertEquals("hello bobbob", Driver.runCallable(
                    () -> greeter.getMethod("greet", String.class).invoke(null, "bob")).result);
        } finally {
            logger.removeHandler(broken);
        }
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

    private static String javap(byte[] classFile) throws Exception {
        Path file = Files.createTempFile("coro4j-javap", ".class");
        try {
            Files.write(file, classFile);
            StringWriter out = new StringWriter();
            ToolProvider.findFirst("javap").orElseThrow()
                    .run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", file.toString());
            return out.toString();
        } finally {
            Files.delete(file);
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
