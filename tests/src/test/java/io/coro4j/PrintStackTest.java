package io.coro4j;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Task.printStack} as asyncio's {@code test_tasks.py} checks {@code print_stack}: the frames where a
 * task waits, with the user's lines, innermost first and printed as a Java stack trace; the running task's
 * own frames; "No stack" for a task without frames; the exception of a failed task.
 */
class PrintStackTest extends StepRecorder {
    private static int innerLine;
    private static int outerLine;

    @Async
    static void outer() {
        outerLine = new Throwable().getStackTrace()[0].getLineNumber(); inner();
    }

    @Async
    static void inner() {
        innerLine = new Throwable().getStackTrace()[0].getLineNumber(); Coro.sleep(FOREVER);
    }

    private static List<String> printed(Task<?> task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        task.printStack(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\\R"));
    }

    @Test
    void aSuspendedTaskPrintsItsFramesInnermostFirstWithTheirLines() {
        Coro.run(() -> {
            Task<Void> task = Coro.createTask(PrintStackTest::outer, "nested");
            Coro.sleep(ZERO);
            List<String> lines = printed(task);
            assertEquals("Stack for <Task pending name='nested' coro=<PrintStackTest.outer() running at"
                    + " PrintStackTest.java:" + outerLine + ">> (most recent call first):", lines.get(0));
            assertTrue(lines.get(1).startsWith("\tat io.coro4j.Coro.sleep(Coro.java:"), lines.toString());
            assertEquals("\tat io.coro4j.PrintStackTest.inner(PrintStackTest.java:" + innerLine + ")", lines.get(2));
            assertEquals("\tat io.coro4j.PrintStackTest.outer(PrintStackTest.java:" + outerLine + ")", lines.get(3));
            assertEquals(4, lines.size(), lines.toString());
            assertEquals(task.getStack().size() + 1, lines.size(), "the same frames as getStack()");
            task.cancel();
        });
    }

    @Async
    static List<String> printsItself() {
        Coro.sleep(ZERO);
        return printed(Coro.currentTask());
    }

    @Test
    void theRunningTaskPrintsItsOwnFrames() {
        List<String> lines = Coro.run(PrintStackTest::printsItself);
        assertTrue(lines.get(0).matches("Stack for <Task pending name='Task-\\d+'"
                + " coro=<PrintStackTest\\.printsItself\\(\\) running at PrintStackTest\\.java:\\d+>>"
                + " \\(most recent call first\\):"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("\tat io.coro4j.PrintStackTest.printsItself("),
                lines.toString());
    }

    @Async
    static int one() {
        Coro.sleep(ZERO);
        return 1;
    }

    @Test
    void aTaskWithoutFramesPrintsNoStack() {
        Coro.run(() -> {
            Task<Integer> fresh = Coro.createTask(PrintStackTest::one, "fresh");
            assertEquals(List.of("No stack for <Task pending name='fresh' coro=<PrintStackTest.one()>>"),
                    printed(fresh));
            fresh.join();
            assertEquals(List.of("No stack for <Task finished name='fresh' coro=<PrintStackTest.one() done>"
                    + " result=1>"), printed(fresh));
            Task<Void> cancelled = Coro.createTask(PrintStackTest::outer, "gone");
            Coro.sleep(ZERO);
            cancelled.cancel();
            Coro.sleep(ZERO);
            assertEquals(List.of("No stack for <Task cancelled name='gone' coro=<PrintStackTest.outer() done>>"),
                    printed(cancelled));
        });
    }

    private static int throwLine;

    @Async
    static int failing() {
        Coro.sleep(ZERO);
        throwLine = new Throwable().getStackTrace()[0].getLineNumber(); throw new IllegalStateException("boom");
    }

    @Test
    void aFailedTaskPrintsItsException() {
        Coro.run(() -> {
            Task<Integer> task = Coro.createTask(PrintStackTest::failing, "failing");
            Coro.sleep(ZERO);
            Coro.sleep(ZERO);
            List<String> lines = printed(task);
            assertEquals("Traceback for <Task finished name='failing' coro=<PrintStackTest.failing() done>"
                    + " exception=java.lang.IllegalStateException: boom>:", lines.get(0));
            assertEquals("java.lang.IllegalStateException: boom", lines.get(1));
            assertEquals("\tat io.coro4j.PrintStackTest.failing(PrintStackTest.java:" + throwLine + ")", lines.get(2));
            task.exception(); // retrieved: not reported when the loop closes
        });
    }

    @Test
    void printStackWithoutAStreamWritesToStandardError() {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Coro.run(() -> {
                Task<Void> task = Coro.createTask(PrintStackTest::outer, "to-stderr");
                Coro.sleep(ZERO);
                task.printStack();
                task.cancel();
            });
        } finally {
            System.setErr(err);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Stack for <Task pending name='to-stderr'"), text);
        assertTrue(text.contains("\tat io.coro4j.PrintStackTest.inner(PrintStackTest.java:" + innerLine + ")"), text);
    }
}
