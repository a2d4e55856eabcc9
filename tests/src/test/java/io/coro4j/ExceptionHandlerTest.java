package io.coro4j;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * asyncio's exception handler: what the loop does with the errors nobody else can take (a callback's, a
 * done callback's, a task exception never retrieved, a failure during Coro.run's shutdown), through a
 * handler of one's own or the default one, which logs.
 */
class ExceptionHandlerTest extends StepRecorder {
    @Test
    void theDefaultHandlerLogsACallbacksExceptionWithItsContextAndTheLoopGoesOn() {
        IllegalStateException boom = new IllegalStateException("boom (expected by the test)");
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                assertNull(loop.getExceptionHandler(), "the default");
                loop.callSoon(() -> {
                    throw boom;
                });
                loop.callSoon(() -> expect(1));
                Coro.sleep(ZERO);
                expect(2);
            });
            List<LogRecord> records = log.containing("Exception in callback");
            assertEquals(1, records.size());
            LogRecord r = records.get(0);
            assertEquals(java.util.logging.Level.SEVERE, r.getLevel());
            assertSame(boom, r.getThrown());
            String[] lines = r.getMessage().split("\n");
            assertTrue(lines[0].startsWith("Exception in callback Handle["), lines[0]);
            assertTrue(lines[1].startsWith("callback: Handle["), r.getMessage());
        }
        finish(3);
    }

    @Test
    void aHandlerOfOnesOwnGetsTheLoopAndTheContextOfEachError() {
        List<ExceptionContext> seen = new ArrayList<>();
        List<EventLoop> loops = new ArrayList<>();
        IllegalStateException fromCallback = new IllegalStateException("callback");
        IllegalStateException fromDoneCallback = new IllegalStateException("done callback");
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            ExceptionHandler handler = (l, context) -> {
                loops.add(l);
                seen.add(context);
            };
            loop.setExceptionHandler(handler);
            assertSame(handler, loop.getExceptionHandler());
            loop.callSoon(() -> {
                throw fromCallback;
            });
            Task<Integer> task = Coro.createTask(() -> 1, "worker");
            task.addDoneCallback(t -> {
                throw fromDoneCallback;
            });
            task.join();
            Coro.sleep(ZERO);
            Coro.sleep(ZERO);
            loop.callExceptionHandler(ExceptionContext.of("mine").with("peer", "127.0.0.1:4000"));
            loop.setExceptionHandler(null);
            assertNull(loop.getExceptionHandler());
        });
        assertEquals(3, seen.size(), String.valueOf(seen));
        assertSame(loops.get(0), loops.get(2), "the loop's public face");

        ExceptionContext callback = seen.get(0);
        assertTrue(callback.message().startsWith("Exception in callback "), callback.message());
        assertSame(fromCallback, callback.exception());
        assertInstanceOf(Handle.class, callback.callback());
        assertNull(callback.task());

        ExceptionContext done = seen.get(1);
        assertTrue(done.message().startsWith("Exception in done callback "), done.message());
        assertTrue(done.message().endsWith(" of worker"), done.message());
        assertSame(fromDoneCallback, done.exception());
        assertEquals("worker", done.task().getName());
        assertTrue(done.callback() != null);

        ExceptionContext mine = seen.get(2);
        assertEquals("mine", mine.message());
        assertEquals("127.0.0.1:4000", mine.get("peer"));
        assertEquals("mine\npeer: 127.0.0.1:4000", mine.toString());
    }

    @Test
    void aTaskExceptionNeverRetrievedGoesToTheHandler() {
        List<ExceptionContext> seen = new ArrayList<>();
        Coro.run(() -> {
            Coro.getRunningLoop().setExceptionHandler((l, context) -> seen.add(context));
            Coro.createTask(() -> {
                throw new IllegalStateException("lost");
            }, "lost");
            Coro.sleep(ZERO);
        });
        // reported at the close at the latest, on the loop thread
        assertEquals(1, seen.size(), String.valueOf(seen));
        assertTrue(seen.get(0).message().startsWith("Task exception was never retrieved: <Task finished"
                + " name='lost'"), seen.get(0).message());
        assertEquals("lost", seen.get(0).exception().getMessage());
    }

    @Test
    void aTaskThatFailsWhileRunShutsDownGoesToTheHandler() {
        List<ExceptionContext> seen = new ArrayList<>();
        Coro.run(() -> {
            Coro.getRunningLoop().setExceptionHandler((l, context) -> seen.add(context));
            Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } catch (CancellationException e) {
                    throw new IllegalStateException("failed on the way out");
                }
            }, "stubborn");
            Coro.sleep(ZERO);
        });
        assertEquals(1, seen.size(), String.valueOf(seen));
        assertEquals("unhandled exception during Coro.run() shutdown", seen.get(0).message());
        assertEquals("failed on the way out", seen.get(0).exception().getMessage());
        assertEquals("stubborn", seen.get(0).task().getName());
    }

    @Test
    void aHandlerThatThrowsIsReportedByTheDefaultWithTheContextItWasHandling() {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                loop.setExceptionHandler((l, context) -> {
                    throw new IllegalArgumentException("handler broken (expected by the test)");
                });
                loop.callSoon(() -> {
                    throw new IllegalStateException("first (expected by the test)");
                });
                loop.callSoon(() -> expect(1));
                Coro.sleep(ZERO);
                expect(2);
            });
            List<LogRecord> records = log.containing("Unhandled error in exception handler");
            assertEquals(1, records.size());
            assertEquals("handler broken (expected by the test)", records.get(0).getThrown().getMessage());
            assertTrue(records.get(0).getMessage().contains("context: Exception in callback"),
                    records.get(0).getMessage());
        }
        finish(3);
    }

    @Test
    void callExceptionHandlerIsTheLoopsAndTheDefaultHandlerAnyThreads() throws Exception {
        try (LogCapture log = new LogCapture("io.coro4j.loop")) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                Throwable refused = Coro.await(CompletableFuture.supplyAsync(() -> {
                    try {
                        loop.callExceptionHandler(ExceptionContext.of("from a thread"));
                        return null;
                    } catch (IllegalStateException e) {
                        return e;
                    }
                }));
                assertTrue(refused.getMessage().contains("callSoonThreadsafe"), refused.getMessage());
                Coro.await(CompletableFuture.runAsync(() -> loop.defaultExceptionHandler(
                        ExceptionContext.of("logged from a thread", new IllegalStateException("x")))));
            });
            assertEquals(1, log.containing("logged from a thread").size());
            assertEquals(0, log.containing("from a thread\n").size());
        }
    }

    @Test
    void aContextKeepsItsEntriesInOrderAndTheirTypes() {
        IllegalStateException e = new IllegalStateException("x");
        ExceptionContext c = ExceptionContext.of("what happened", e).with("callback", "cb").with("extra", 42);
        assertEquals(Map.of("message", "what happened", "exception", e, "callback", "cb", "extra", 42), c.asMap());
        assertEquals(List.of("message", "exception", "callback", "extra"), new ArrayList<>(c.asMap().keySet()));
        assertEquals("what happened\ncallback: cb\nextra: 42", c.toString());
        assertNull(c.with("extra", null).get("extra"));
        assertNull(ExceptionContext.of("no exception").exception());
        assertThrows(IllegalArgumentException.class, () -> c.with(ExceptionContext.TASK, "not a task"));
        assertThrows(IllegalArgumentException.class, () -> c.with(ExceptionContext.EXCEPTION, "not one"));
        assertThrows(IllegalArgumentException.class, () -> c.with(ExceptionContext.MESSAGE, null));
        assertThrows(NullPointerException.class, () -> ExceptionContext.of(null));
        assertThrows(UnsupportedOperationException.class, () -> c.asMap().put("k", "v"));
    }
}
