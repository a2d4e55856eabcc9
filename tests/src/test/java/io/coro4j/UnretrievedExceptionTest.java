package io.coro4j;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asyncio's "Task exception was never retrieved": the exception of a failed task that nobody took (by
 * {@code join}, {@code result}, {@code exception}, {@code gather}, {@code toFuture}, {@code Coro.run}) is
 * handed to the loop's exception handler, which logs it at ERROR on {@code io.coro4j.loop} with the task
 * and the stack trace, when the task is garbage collected or the loop closes, once; a retrieved one never
 * is.
 */
class UnretrievedExceptionTest extends StepRecorder {
    private static final String NEVER_RETRIEVED = "Task exception was never retrieved: ";

    @Async
    static int failing() {
        Coro.sleep(ZERO);
        throw new IllegalStateException("boom");
    }

    /** Lets the tasks made so far run to their end (failing() takes two turns). */
    @Async
    static void settle() {
        for (int i = 0; i < 4; i++) {
            Coro.sleep(ZERO);
        }
    }

    @Test
    void anExceptionNobodyRetrievedIsReportedWhenTheLoopCloses() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                Coro.createTask(UnretrievedExceptionTest::failing, "lost");
                settle();
                assertTrue(log.containing("'lost'").isEmpty(), "not before the loop closes (the task is reachable here)");
            });
            List<LogRecord> records = log.containing("'lost'");
            assertEquals(1, records.size(), records.toString());
            LogRecord r = records.get(0);
            assertEquals(Level.SEVERE, r.getLevel());
            assertEquals(NEVER_RETRIEVED + "<Task finished name='lost' coro=<UnretrievedExceptionTest.failing() done>"
                    + " exception=java.lang.IllegalStateException: boom>", r.getMessage());
            assertInstanceOf(IllegalStateException.class, r.getThrown());
            assertEquals("failing", r.getThrown().getStackTrace()[0].getMethodName());
        }
    }

    @Test
    void retrievedExceptionsAreNotReported() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                Task<Integer> joined = Coro.createTask(UnretrievedExceptionTest::failing, "joined");
                Task<Integer> result = Coro.createTask(UnretrievedExceptionTest::failing, "result");
                Task<Integer> exception = Coro.createTask(UnretrievedExceptionTest::failing, "exception");
                Task<Integer> gathered = Coro.createTask(UnretrievedExceptionTest::failing, "gathered");
                Task<Integer> gatheredLate = Coro.createTask(UnretrievedExceptionTest::failing, "gathered-late");
                Task<Integer> future = Coro.createTask(UnretrievedExceptionTest::failing, "future");
                Task<Integer> inCallback = Coro.createTask(UnretrievedExceptionTest::failing, "in-callback");
                inCallback.addDoneCallback(Task::exception);
                var bridged = Coro.toFuture(future);
                try {
                    joined.join();
                    expectUnreached();
                } catch (IllegalStateException expected) {
                    // retrieved by join
                }
                try {
                    Coro.gather(gathered, gatheredLate);
                    expectUnreached();
                } catch (IllegalStateException expected) {
                    // the first failure; the other one counts as retrieved too (asyncio's rule)
                }
                settle();
                assertThrows(IllegalStateException.class, result::result);
                assertInstanceOf(IllegalStateException.class, exception.exception());
                assertTrue(bridged.isCompletedExceptionally());
            });
            assertEquals(List.of(), log.containing(NEVER_RETRIEVED), "retrieved, one way or another");
            assertThrows(IllegalStateException.class, () -> Coro.run(UnretrievedExceptionTest::failing));
            assertEquals(List.of(), log.containing(NEVER_RETRIEVED), "Coro.run rethrows the main task's");
        }
    }

    @Test
    void lookingWithoutTakingIsNotRetrieving() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                Task<Integer> printed = Coro.createTask(UnretrievedExceptionTest::failing, "printed");
                Task<Integer> called = Coro.createTask(UnretrievedExceptionTest::failing, "called-back");
                called.addDoneCallback(t -> t.isDone());
                settle();
                printed.printStack(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                assertTrue(printed.toString().contains("exception=java.lang.IllegalStateException: boom"));
            });
            assertEquals(1, log.containing(NEVER_RETRIEVED + "<Task finished name='printed'").size());
            assertEquals(1, log.containing(NEVER_RETRIEVED + "<Task finished name='called-back'").size(),
                    "as in asyncio, a done callback that does not ask for the exception does not retrieve it");
        }
    }

    @Test
    void aCheckedExceptionIsReportedAsItWasThrown() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                Coro.createTask(() -> {
                    Coro.sleep(ZERO);
                    throw new java.io.IOException("disk");
                }, "checked");
                settle();
            });
            List<LogRecord> records = log.containing("'checked'");
            assertEquals(1, records.size());
            assertInstanceOf(java.io.IOException.class, records.get(0).getThrown(), "not the CompletionException wrapper");
            assertTrue(!(records.get(0).getThrown() instanceof CompletionException));
        }
    }

    /** Makes a failing task and keeps no reference to it. */
    private static void spawnLostTask() {
        Coro.createTask(UnretrievedExceptionTest::failing, "collected");
    }

    /** Garbage, so that a collection has work to do. */
    private static int allocate() {
        int sum = 0;
        for (int i = 0; i < 64; i++) {
            sum += new byte[64 * 1024].length;
        }
        return sum;
    }

    @Test
    void anExceptionNobodyRetrievedIsReportedWhenTheTaskIsCollected() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                spawnLostTask();
                settle();
                for (int attempt = 0; attempt < 50 && log.containing("'collected'").isEmpty(); attempt++) {
                    allocate();
                    System.gc();
                    Coro.sleep(ms(20)); // the cleaner's thread reports it
                }
                List<LogRecord> records = log.containing("'collected'");
                assertEquals(1, records.size(), "reported while the loop still runs: " + records);
                assertEquals(NEVER_RETRIEVED + "<Task finished name='collected' coro=<UnretrievedExceptionTest.failing()"
                        + " done> exception=java.lang.IllegalStateException: boom>", records.get(0).getMessage());
                assertInstanceOf(IllegalStateException.class, records.get(0).getThrown());
            });
            assertEquals(1, log.containing("'collected'").size(), "and not again when the loop closes");
        }
    }
}
