package io.coro4j.internal.task;

import io.coro4j.AsyncCallable;
import io.coro4j.AsyncRunnable;
import io.coro4j.ExceptionContext;
import io.coro4j.internal.debug.LoopDiagnostics;
import io.coro4j.internal.loop.Clock;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Timer;
import io.coro4j.protocol.Carrier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code Coro.run}: asyncio's {@code asyncio.run} and its {@code Runner}. */
public final class Runner {
    private Runner() {}

    public static <T> T run(AsyncCallable<T> main) {
        return run(main, null, Clock.system(), false);
    }

    public static void run(AsyncRunnable main) {
        run(null, main, Clock.system(), false);
    }

    public static <T> T run(AsyncCallable<T> main, boolean debug) {
        return run(main, null, Clock.system(), debug);
    }

    public static void run(AsyncRunnable main, boolean debug) {
        run(null, main, Clock.system(), debug);
    }

    /**
     * {@code Coro.run} on a loop that keeps the time of {@code clock}: the entry point of tests on
     * virtual time (a clock whose timed park jumps to its end makes every sleep and timeout take no
     * real time), such as a JUnit extension's.
     */
    public static <T> T run(AsyncCallable<T> main, Clock clock, boolean debug) {
        return run(Objects.requireNonNull(main, "main"), null, Objects.requireNonNull(clock, "clock"), debug);
    }

    /** {@link #run(AsyncCallable, Clock, boolean)} for a body without a result. */
    public static void run(AsyncRunnable main, Clock clock, boolean debug) {
        run(null, Objects.requireNonNull(main, "main"), Objects.requireNonNull(clock, "clock"), debug);
    }

    /**
     * Runs a new loop on this thread until {@code main} is done, then cancels the tasks still pending and
     * runs until they have finished, closes the loop and returns main's result by the rules of
     * {@code Task}. While it runs, the loop is registered as an MBean (its task dump for JMX clients).
     */
    private static <T> T run(AsyncCallable<T> callable, AsyncRunnable runnable, Clock clock, boolean debug) {
        Carrier carrier = Carrier.get();
        if (carrier.loop() != null) {
            throw new IllegalStateException("Coro.run() cannot be called while an event loop runs on this"
                    + " thread: inside a coroutine, join or await the work instead (Coro.createTask)");
        }
        LoopCore loop = new LoopCore(clock);
        if (debug) {
            loop.setDebug(true);
        }
        carrier.setLoop(loop);
        Runnable unregister = LoopDiagnostics.register(loop.thread(), LoopFacade.of(loop));
        TaskImpl<?> main;
        try {
            main = callable != null ? TaskImpl.start(loop, callable, null) : TaskImpl.start(loop, runnable, null);
            // first listener of main, as run_until_complete's: the loop stops at the turn after main ends
            main.addListener(done -> loop.callSoon(loop::stop));
            loop.runForever();
            if (!main.isDone()) {
                throw new IllegalStateException("the event loop stopped before the main task was done");
            }
            cancelAllTasks(loop);
            main.markRetrieved(); // run rethrows it: not a "never retrieved" exception
        } finally {
            unregister.run();
            loop.close();
            carrier.setLoop(null);
        }
        @SuppressWarnings("unchecked")
        T result = (T) main.result();
        return result;
    }

    /** asyncio's {@code _cancel_all_tasks}: cancel what is left, let it finish, report what failed. */
    private static void cancelAllTasks(LoopCore loop) {
        for (TaskImpl<?> t : cancelAndFinish(loop, 0)) {
            loop.callExceptionHandler(ExceptionContext.of("unhandled exception during Coro.run() shutdown",
                    t.failure()).with(ExceptionContext.TASK, t));
        }
    }

    /**
     * Cancels every pending task of {@code loop}, which is not running, and runs it until they have all
     * finished, or {@code limitNanos} of the loop's time passed (zero or less: no limit); returns those that
     * ended failed rather than cancelled (their exception counts as retrieved once read with
     * {@code exception()}). Also the end of a test's loop.
     */
    public static List<TaskImpl<?>> cancelAndFinish(LoopCore loop, long limitNanos) {
        List<TaskImpl<?>> pending = TaskIntrospection.pending(loop);
        if (pending.isEmpty()) {
            return List.of();
        }
        for (TaskImpl<?> t : pending) {
            t.cancel();
        }
        int[] remaining = {pending.size()};
        DoneListener countdown = done -> {
            if (--remaining[0] == 0) {
                loop.callSoon(loop::stop);
            }
        };
        for (TaskImpl<?> t : pending) {
            t.addListener(countdown);
        }
        Timer limit = limitNanos > 0 ? loop.callLater(limitNanos, loop::stop) : null;
        try {
            loop.runForever();
        } finally {
            if (limit != null) {
                loop.cancel(limit);
            }
        }
        List<TaskImpl<?>> failed = new ArrayList<>();
        for (TaskImpl<?> t : pending) {
            if (t.isDone() && !t.isCancelled() && t.exception() != null) {
                failed.add(t);
            }
        }
        return failed;
    }
}
