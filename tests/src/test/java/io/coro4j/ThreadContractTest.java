package io.coro4j;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thread contract (asyncio's: a task belongs to its loop): a task is used on its loop's thread; from
 * another thread, a call fails with an error that says how to reach the loop, except {@code toString()},
 * and the reads of a task whose loop has closed.
 */
class ThreadContractTest extends StepRecorder {
    private static Map.Entry<String, Callable<?>> call(String method, Callable<?> call) {
        return Map.entry(method, call);
    }

    /** What {@code call} threw on a thread of its own, or null. */
    private static Throwable onAnotherThread(Callable<?> call) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                call.call();
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "elsewhere");
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(10));
        return thrown.get();
    }

    @Test
    void everyMethodButToStringRefusesAnotherThreadWhileTheLoopRuns() {
        Coro.run(() -> {
            Task<String> task = Coro.createTask(() -> {
                Coro.sleep(FOREVER);
                return "never";
            }, "worker");
            Coro.sleep(ZERO);
            List<Map.Entry<String, Callable<?>>> calls = new ArrayList<>();
            calls.add(call("cancel", task::cancel));
            calls.add(call("cancel", () -> task.cancel("stop")));
            calls.add(call("uncancel", task::uncancel));
            calls.add(call("setName", () -> {
                task.setName("other");
                return null;
            }));
            calls.add(call("addDoneCallback", () -> {
                task.addDoneCallback(t -> { });
                return null;
            }));
            calls.add(call("getName", task::getName));
            calls.add(call("getCoro", task::getCoro));
            calls.add(call("isDone", task::isDone));
            calls.add(call("isCancelled", task::isCancelled));
            calls.add(call("cancelling", task::cancelling));
            calls.add(call("result", task::result));
            calls.add(call("exception", task::exception));
            calls.add(call("getStack", task::getStack));
            calls.add(call("printStack", () -> {
                task.printStack(new PrintStream(new ByteArrayOutputStream()));
                return null;
            }));
            String loopThread = Thread.currentThread().getName();
            for (Map.Entry<String, Callable<?>> call : calls) {
                Throwable e = Coro.await(CompletableFuture.supplyAsync(() -> {
                    try {
                        return onAnotherThread(call.getValue());
                    } catch (Exception x) {
                        return x;
                    }
                }));
                assertTrue(e instanceof IllegalStateException, call.getKey() + ": " + e);
                String m = e.getMessage();
                assertTrue(m.startsWith("Task." + call.getKey() + "() was called on thread \"elsewhere\", but task"
                        + " 'worker' belongs to the event loop of thread \"" + loopThread + "\""), m);
                assertTrue(m.contains("loop.callSoonThreadsafe"), m);
            }
            assertEquals(0, task.cancelling(), "nothing reached the task");
            assertEquals("worker", task.getName());
            assertTrue(Coro.await(CompletableFuture.supplyAsync(task::toString)).startsWith(
                    "<Task name='worker' coro=<"), "toString works anywhere");
            task.cancel();
        });
    }

    @Test
    void theWayInIsToPostTheCallToTheLoop() {
        List<String> log = new ArrayList<>();
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            Task<Void> task = Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } catch (CancellationException e) {
                    log.add("cancelled: " + e.getMessage());
                    throw e;
                }
            });
            Coro.sleep(ZERO);
            Coro.toThread(() -> loop.callSoonThreadsafe(() -> task.cancel("from a thread")));
            Coro.await(Coro.toFuture(task).exceptionally(e -> null));
            assertTrue(task.isCancelled());
        });
        assertEquals(List.of("cancelled: from a thread"), log);
    }

    @Test
    void onceTheLoopHasClosedItsTasksCanBeReadFromAnyThread() throws Exception {
        AtomicReference<Task<String>> done = new AtomicReference<>();
        AtomicReference<Task<String>> failed = new AtomicReference<>();
        Coro.run(() -> {
            done.set(Coro.createTask(() -> "ok", "done"));
            failed.set(Coro.createTask(() -> {
                throw new IllegalStateException("boom");
            }, "failed"));
            Coro.gatherSettled(done.get(), failed.get());
        });
        assertNull(onAnotherThread(() -> {
            assertEquals("ok", done.get().result());
            assertNull(done.get().exception());
            assertTrue(done.get().isDone());
            assertEquals("boom", failed.get().exception().getMessage());
            assertEquals("done", done.get().getName());
            assertEquals(List.of(), done.get().getStack());
            return null;
        }));
        Throwable e = onAnotherThread(() -> done.get().cancel());
        assertTrue(e instanceof IllegalStateException && e.getMessage().startsWith("Task.cancel() was called"),
                "changing a task stays its loop thread's: " + e);
    }
}
