package io.coro4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void aSuspensionThroughAPlainLambdaNamesTheLambdaAndSaysWhatToDo() {
        List<Integer> seen = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            List.of(1, 2, 3).forEach(i -> seen.add(suspends() + i)); // marker: suspends in forEach
        }));
        // the plain Consumer lambda is named, with its line, and nothing ran on with a dummy value
        String m = e.getMessage();
        assertTrue(m.startsWith("MisuseTest.suspends was called from a plain lambda,"
                + " io.coro4j.MisuseTest.lambda$"), m);
        assertTrue(m.contains("(MisuseTest.java:" + sourceLineOf("marker: suspends in forEach") + "), which"
                + " cannot suspend: use a for loop, or make the lambda an AsyncCallable or AsyncRunnable body"), m);
        assertFalse(m.contains("coro4j.exclude"), "the agent did its job: no advice about it: " + m);
        assertEquals(List.of(), seen);
    }

    @Async
    static String nap(String s) {
        Coro.sleep(Duration.ofMillis(1));
        return s;
    }

    /** The commonest mistake: joins in a stream, which the JDK's code runs through a plain Function. */
    @Test
    void joiningTasksInAStreamSaysWhatHappenedAndWhatToDoInTheUsersTerms() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            List<Task<String>> tasks = List.of(Coro.createTask(() -> nap("a")), Coro.createTask(() -> nap("b")));
            return tasks.stream().map(Task::join).toList(); // marker: joins in a stream
        }));
        String m = e.getMessage();
        assertTrue(m.startsWith("Task.join was called from a plain lambda in java.util.stream ("), m);
        assertTrue(m.contains("), which cannot suspend: use a for loop or Coro.gather. The call is at"
                + " io.coro4j.MisuseTest.lambda$"), m);
        assertTrue(m.contains("(MisuseTest.java:" + sourceLineOf("marker: joins in a stream") + ")"), m);
        assertFalse(m.contains("TaskImpl"), "no internals: " + m);
        assertFalse(m.contains("coro4j.exclude"), "the JDK's code is in the way, not a class the agent"
                + " skipped: no advice about the agent: " + m);
    }

    /** One join in a stream: the body returns before anything can see the stack, and it still says why. */
    @Test
    void aSingleJoinInAStreamStillSaysWhatHappenedAndWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            List<Task<String>> tasks = List.of(Coro.createTask(() -> nap("a")));
            return tasks.stream().map(Task::join).toList();
        }));
        String m = e.getMessage();
        assertTrue(m.startsWith("Task.join was called from code that cannot suspend, inside the task's body"
                + " MisuseTest."), m);
        assertTrue(m.contains("use a for loop or Coro.gather"), m);
        assertFalse(m.contains("TaskImpl"), "no internals: " + m);
        assertFalse(m.contains("coro4j.exclude"), m);
    }

    @Test
    void aSleepInAStreamNamesTheSleepAndTheLine() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            return List.of(1, 2).stream().map(MisuseTest::sleepy).toList(); // marker: sleeps in a stream
        }));
        String m = e.getMessage();
        assertTrue(m.startsWith("MisuseTest.sleepy was called from a plain lambda in java.util.stream ("), m);
        assertTrue(m.contains("which cannot suspend: use a for loop. The call is at"), m);
        assertTrue(m.contains("(MisuseTest.java:" + sourceLineOf("marker: sleeps in a stream") + ")"), m);
    }

    @Async
    static int sleepy(int i) {
        Coro.sleep(Duration.ZERO);
        return i;
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

    @Test
    void twoSuspensionsThroughReflectionSayReflectionCannotSuspend() throws Exception {
        Method target = MisuseTest.class.getDeclaredMethod("suspends");
        Throwable e = assertThrows(RuntimeException.class, () -> Coro.run(() -> {
            target.invoke(null);
            return target.invoke(null); // marker: the second reflective call
        }));
        while (!(e instanceof IllegalStateException)) { // wrapped by Method.invoke, then by Coro.run
            e = e.getCause();
        }
        String m = e.getMessage();
        assertTrue(m.startsWith("MisuseTest.suspends was called through reflection (Method.invoke), which cannot"
                + " suspend: call it directly from an @Async method or an AsyncCallable/AsyncRunnable body. The"
                + " call is at io.coro4j.MisuseTest.lambda$"), m);
        assertTrue(m.contains("(MisuseTest.java:" + sourceLineOf("marker: the second reflective call") + ")"), m);
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
