package io.coro4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Line numbers survive the rewrite: an exception thrown after a resume has a true JVM stack trace with
 * the user's methods and lines (resume re-invokes the frames), and {@code Task.getStack()} shows where
 * a task waits.
 */
class StackTraceLinesTest {
    static int failingLine;
    static int callerLine;

    @Async
    static void failsAfterResume() {
        Coro.sleep(Duration.ZERO);
        failingLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        throw new IllegalArgumentException("after resume");
    }

    @Async
    static void caller() {
        callerLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        failsAfterResume();
    }

    @Test
    void anExceptionAfterAResumeShowsTheUsersFramesAndLines() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Coro.run(StackTraceLinesTest::caller));
        List<String> frames = Arrays.stream(e.getStackTrace())
                .filter(f -> f.getClassName().equals(StackTraceLinesTest.class.getName()))
                .map(f -> f.getMethodName() + ":" + f.getLineNumber())
                .collect(Collectors.toList());
        assertEquals("failsAfterResume:" + failingLine, frames.get(0), frames.toString());
        assertEquals("caller:" + callerLine, frames.get(1), frames.toString());
    }

    static int sleepLine;

    @Async
    static void sleeper() {
        sleepLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        Coro.sleep(Duration.ofSeconds(10));
    }

    @Test
    void getStackShowsWhereATaskWaitsInnermostFirst() {
        Coro.run(() -> {
            Task<Void> task = Coro.createTask(StackTraceLinesTest::sleeper);
            Coro.sleep(Duration.ZERO);
            List<StackTraceElement> stack = task.getStack();
            assertTrue(stack.size() >= 2, stack.toString());
            assertEquals("sleep", stack.get(0).getMethodName(), stack.toString());
            StackTraceElement user = stack.get(1);
            assertEquals(StackTraceLinesTest.class.getName(), user.getClassName());
            assertEquals("sleeper", user.getMethodName());
            assertEquals(sleepLine, user.getLineNumber());
            assertEquals("StackTraceLinesTest.java", user.getFileName());
            task.cancel();
        });
    }
}
