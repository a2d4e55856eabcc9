package io.coro4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Misuse gets a clear error that names the frame at fault, never a wrong result. */
class MisuseTest {
    @Async
    static int suspends() {
        Coro.sleep(Duration.ZERO);
        return 1;
    }

    @Async
    static int neverSuspends() {
        return 2;
    }

    @Test
    void aCoroutineMethodCalledOutsideAnyCoroutineSaysToStartOneWithRun() {
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, MisuseTest::suspends);
            assertTrue(e.getMessage().contains("io.coro4j.MisuseTest.suspends"), e.getMessage());
            assertTrue(e.getMessage().contains("Coro.run"), e.getMessage());
        }
        // every time, whether or not it would suspend
        IllegalStateException e = assertThrows(IllegalStateException.class, MisuseTest::neverSuspends);
        assertTrue(e.getMessage().contains("io.coro4j.MisuseTest.neverSuspends"), e.getMessage());
        assertTrue(e.getMessage().contains("Coro.run"), e.getMessage());
    }

    @Test
    void theRuntimesOwnCoroutineMethodsRefuseToRunOutsideACoroutine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Coro.sleep(Duration.ofMillis(1)));
        assertTrue(e.getMessage().contains("io.coro4j.Coro.sleep"), e.getMessage());
    }

    @Test
    void aSuspensionThroughAPlainLambdaNamesTheLambda() {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            List.of(1, 2, 3).forEach(i -> seen.add(suspends() + i));
        }));
        // the plain Consumer lambda is named, with its line, and nothing ran on with a dummy value
        assertTrue(e.getMessage().contains("io.coro4j.MisuseTest.lambda$"), e.getMessage());
        assertTrue(e.getMessage().contains("is not a coroutine method"), e.getMessage());
        assertTrue(e.getMessage().contains("MisuseTest.java:"), e.getMessage());
        assertEquals(List.of(), seen);
    }

    @Test
    void aCoroutineMethodThatDoesNotSuspendMayBeCalledFromAPlainLambdaInsideACoroutine() {
        List<Integer> seen = new ArrayList<>();
        Coro.run(() -> List.of(1, 2).forEach(i -> seen.add(neverSuspends() + i)));
        assertEquals(List.of(3, 4), seen);
    }

    @Async
    static synchronized int synchronizedCoroutine() {
        Coro.sleep(Duration.ZERO);
        return 3;
    }

    @Test
    void aSynchronizedCoroutineMethodIsRefusedWithClassMethodAndLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Coro.run(MisuseTest::synchronizedCoroutine));
        assertTrue(e.getMessage().contains("io.coro4j.MisuseTest.synchronizedCoroutine(MisuseTest.java:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("synchronized"), e.getMessage());
    }

    private static final Object LOCK = new Object();

    @Async
    static int suspendsInsideSynchronizedBlock() {
        synchronized (LOCK) {
            return suspends(); // marker: suspension inside synchronized
        }
    }

    @Test
    void aSynchronizedBlockAroundASuspensionIsRefusedWithClassMethodAndLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Coro.run(MisuseTest::suspendsInsideSynchronizedBlock));
        String message = e.getMessage();
        assertTrue(message.contains("io.coro4j.MisuseTest.suspendsInsideSynchronizedBlock("), message);
        assertTrue(message.contains("synchronized block"), message);
        assertTrue(message.contains("at line " + sourceLineOf("marker: suspension inside synchronized")),
                message);
    }

    @Async
    static int synchronizedBlockBesideASuspension() {
        int n;
        synchronized (LOCK) {
            n = 10;
        }
        return n + suspends();
    }

    @Test
    void aSynchronizedBlockThatDoesNotSpanTheSuspensionIsAllowed() {
        assertEquals(11, Coro.run(MisuseTest::synchronizedBlockBesideASuspension));
    }

    @Test
    void aSuspensionThroughReflectionIsReportedNotResumedWrongly() throws Exception {
        Method target = MisuseTest.class.getDeclaredMethod("suspends");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            Object value = target.invoke(null);
            return value;
        }));
        assertTrue(e.getMessage().contains("suspends"), e.getMessage());
    }

    /** The line of this test's source that contains {@code marker} (surefire runs in the module). */
    private static int sourceLineOf(String marker) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(
                    java.nio.file.Path.of("src/test/java/io/coro4j/MisuseTest.java"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(marker) && !lines.get(i).contains("sourceLineOf")) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no line contains " + marker);
    }
}
