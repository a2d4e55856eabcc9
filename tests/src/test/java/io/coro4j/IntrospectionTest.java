package io.coro4j;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code getCoro()}, {@code getStack()} and {@code toString()} as asyncio's repr. */
class IntrospectionTest extends StepRecorder {
    /** The line where {@link #worker} suspends, recorded on that same line. */
    private static int workerLine;
    /** The line where {@link #reporter} asks for its own text. */
    private static int reporterLine;

    @Async
    static int worker(int value) {
        workerLine = new Throwable().getStackTrace()[0].getLineNumber(); Coro.sleep(FOREVER);
        return value;
    }

    @Async
    static String reporter() {
        reporterLine = new Throwable().getStackTrace()[0].getLineNumber(); return Coro.currentTask().toString();
    }

    @Async
    static List<StackTraceElement> ownStack() {
        Coro.sleep(ZERO);
        return Coro.currentTask().getStack();
    }

    @Test
    void getCoroNamesTheCoroutineMethod() {
        Coro.run(() -> {
            Task<Integer> byReference = Coro.createTask(IntrospectionTest::reporterLength);
            Task<Integer> byLambda = Coro.createTask(() -> worker(3));
            assertEquals("IntrospectionTest.reporterLength", byReference.getCoro().toString());
            assertEquals("IntrospectionTest.worker", byLambda.getCoro().toString());
            byLambda.cancel();
            byReference.join();
        });
    }

    @Async
    static int reporterLength() {
        return reporter().length();
    }

    @Test
    void toStringOfTheRunningTaskSaysWhereItRuns() {
        String text = Coro.run(IntrospectionTest::reporter);
        assertTrue(text.matches("<Task pending name='Task-\\d+' coro=<IntrospectionTest\\.reporter\\(\\)"
                + " running at IntrospectionTest\\.java:" + reporterLine + ">>"), text);
    }

    @Test
    void toStringAndStackOfASuspendedTaskSayWhereItWaits() {
        Coro.run(() -> {
            Task<Integer> t = Coro.createTask(() -> worker(1), "w");
            Task<Integer> direct = Coro.createTask(IntrospectionTest::directWorker, "d");
            assertTrue(t.getStack().isEmpty(), "not started");
            assertEquals("<Task pending name='w' coro=<IntrospectionTest.worker()>>", t.toString());
            Coro.sleep(ZERO);

            List<StackTraceElement> stack = t.getStack();
            assertTrue(stack.size() >= 2, stack.toString());
            assertEquals("io.coro4j.Coro", stack.get(0).getClassName(), "innermost first: " + stack);
            assertEquals("sleep", stack.get(0).getMethodName());
            assertEquals("worker", stack.get(1).getMethodName(), stack.toString());
            assertEquals(workerLine, stack.get(1).getLineNumber(), stack.toString());
            StackTraceElement body = stack.get(stack.size() - 1);
            assertEquals(IntrospectionTest.class.getName(), body.getClassName());

            String text = direct.toString();
            assertEquals("<Task pending name='d' coro=<IntrospectionTest.directWorker() running at"
                    + " IntrospectionTest.java:" + directLine + ">>", text);

            t.cancel();
            direct.cancel("bye");
            Coro.sleep(ZERO);
            assertEquals("<Task cancelled name='w' coro=<IntrospectionTest.worker() done>>", t.toString());
            assertTrue(t.getStack().isEmpty(), "done");
        });
    }

    private static int directLine;

    @Async
    static int directWorker() {
        directLine = new Throwable().getStackTrace()[0].getLineNumber(); Coro.sleep(FOREVER);
        return 0;
    }

    @Test
    void toStringOfFinishedTasks() {
        Coro.run(() -> {
            Task<Integer> answer = Coro.createTask(IntrospectionTest::answer, "answer");
            Task<Integer> failing = Coro.createTask(IntrospectionTest::failing, "failing");
            Task<Integer> cancelled = Coro.createTask(() -> worker(0), "cancelled");
            Coro.sleep(ZERO);
            assertTrue(cancelled.toString().startsWith("<Task pending name='cancelled'"), cancelled.toString());
            cancelled.cancel();
            assertTrue(cancelled.toString().startsWith("<Task cancelling name='cancelled'"), cancelled.toString());
            Coro.sleep(ZERO);
            Coro.sleep(ZERO);
            assertEquals("<Task finished name='answer' coro=<IntrospectionTest.answer() done> result=42>",
                    answer.toString());
            assertEquals("<Task finished name='failing' coro=<IntrospectionTest.failing() done>"
                    + " exception=java.lang.IllegalStateException: boom>", failing.toString());
            assertEquals("<Task cancelled name='cancelled' coro=<IntrospectionTest.worker() done>>",
                    cancelled.toString());
        });
    }

    @Async
    static int answer() {
        Coro.sleep(ZERO);
        return 42;
    }

    @Async
    static int failing() {
        Coro.sleep(ZERO);
        throw new IllegalStateException("boom");
    }

    @Test
    void getStackOfTheRunningTaskIsItsOwnFramesInnermostFirst() {
        List<StackTraceElement> stack = Coro.run(IntrospectionTest::ownStack);
        assertEquals(1, stack.size(), stack.toString());
        assertEquals("ownStack", stack.get(0).getMethodName());
        List<StackTraceElement> nested = Coro.run(() -> ownStack());
        assertEquals("ownStack", nested.get(0).getMethodName(), nested.toString());
        assertEquals(IntrospectionTest.class.getName(), nested.get(nested.size() - 1).getClassName());
        assertTrue(nested.get(nested.size() - 1).getMethodName().startsWith("lambda$"), nested.toString());
    }

    @Test
    void aTaskWhoseBodyIsAnotherTasksJoinWaitsThereAndGetsItsResult() {
        // join is a hand-written leaf: this body saves no frame of its own, and the resume re-invokes it
        int result = Coro.run(() -> {
            Task<Integer> worker = Coro.createTask(() -> {
                Coro.sleep(ZERO);
                Coro.sleep(ZERO);
                return 42;
            });
            Task<Integer> joiner = Coro.createTask(worker::join);
            Coro.sleep(ZERO);
            List<StackTraceElement> stack = joiner.getStack();
            assertEquals(1, stack.size(), stack.toString());
            assertEquals("join", stack.get(0).getMethodName(), stack.toString());
            assertTrue(Coro.allTasks().contains(joiner), "a joiner is pending");
            return joiner.join();
        });
        assertEquals(42, result);
    }
}
