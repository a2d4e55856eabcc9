package io.coro4j.internal.testing;

import io.coro4j.Async;
import io.coro4j.EventLoop;
import io.coro4j.ExceptionContext;
import io.coro4j.internal.loop.Clock;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Timer;
import io.coro4j.internal.task.LoopFacade;
import io.coro4j.internal.task.ReflectiveBody;
import io.coro4j.internal.task.Runner;
import io.coro4j.internal.task.TaskDump;
import io.coro4j.internal.task.TaskImpl;
import io.coro4j.internal.task.TaskIntrospection;
import io.coro4j.protocol.Carrier;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The event loop of one test (asyncio's {@code IsolatedAsyncioTestCase} runner, kotlinx-coroutines-test's
 * {@code runTest}): the internal entry point of the JUnit extension, the only code outside the runtime that
 * it serves (the module exports this package to {@code io.coro4j.junit} alone).
 *
 * <p>One loop for the whole test, made on the test's thread by {@link #open}: each method of the test
 * (each {@code @BeforeEach}, the test, each {@code @AfterEach}) {@link #run runs} on it as the main task
 * until it is done, so tasks started by one method go on running while the next one runs. Then
 * {@link #finish} says what the test left behind (tasks still pending, task exceptions nobody retrieved),
 * cancelling what is left, and {@link #close} closes the loop. The methods are called through reflection,
 * as JUnit calls them: each runs as a {@link ReflectiveBody}, the one body the runtime lets suspend across
 * reflective frames.
 *
 * <p>On virtual time ({@code open(true)}) the loop keeps the time of a {@link VirtualClock}, which the
 * test's {@code TestClock} moves through {@link #advanceBy}, {@link #advanceUntilIdle} and
 * {@link #runCurrent}.
 *
 * <p>Every method but {@link #open} must be called on the thread that opened the loop.
 */
public final class TestLoop {
    /** Posts the real-time limit of tests on virtual time to their loop; made at the first such limit. */
    private static final class Watchdog {
        static final ScheduledExecutorService TIMER = make();

        private static ScheduledExecutorService make() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "coro4j-test-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    /** A method of the test ran past its time limit. */
    public static final class TimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean virtualTime;
        private final long limitNanos;
        private final String dump;

        TimedOut(boolean virtualTime, long limitNanos, String dump) {
            super("timed out", null, true, false);
            this.virtualTime = virtualTime;
            this.limitNanos = limitNanos;
            this.dump = dump;
        }

        /** Whether the limit passed on virtual time (else on real time). */
        public boolean onVirtualTime() {
            return virtualTime;
        }

        /** The limit, in nanoseconds. */
        public long limitNanos() {
            return limitNanos;
        }

        /** The task dump taken when the limit passed, before the method's task was cancelled. */
        public String dump() {
            return dump;
        }
    }

    /**
     * What a test left behind when its last method ended.
     *
     * @param pendingDump the task dump of the tasks still pending then, or null when none was
     * @param failures the task exceptions nobody retrieved (also those of tasks that failed while the end
     *     of the test cancelled them), each as a report of it is worded
     * @param ignoredCancel the number of tasks still pending after they were cancelled and given the time
     *     limit to finish
     */
    public record Leftovers(String pendingDump, List<ExceptionContext> failures, int ignoredCancel) {
        /** Whether the test left nothing behind. */
        public boolean isEmpty() {
            return pendingDump == null && failures.isEmpty() && ignoredCancel == 0;
        }
    }

    private final LoopCore core;
    /** Null on real time. */
    private final VirtualClock virtual;

    private TestLoop(LoopCore core, VirtualClock virtual) {
        this.core = core;
        this.virtual = virtual;
    }

    /**
     * A new loop on the calling thread, registered there as {@code Coro.run} registers its own, on virtual
     * time or on real time.
     *
     * @throws IllegalStateException when an event loop runs on this thread already
     */
    public static TestLoop open(boolean virtualTime) {
        Carrier carrier = Carrier.get();
        if (carrier.loop() != null) {
            throw new IllegalStateException("an event loop runs on thread \"" + Thread.currentThread().getName()
                    + "\" already, so a test cannot start its own there: a @CoroTest cannot be run from inside"
                    + " a coroutine");
        }
        VirtualClock clock = virtualTime ? new VirtualClock() : null;
        LoopCore core = new LoopCore(clock != null ? clock : Clock.system());
        if (clock != null) {
            clock.attach(core);
        }
        core.unretrievedFailures().holdTasks(); // every failure is found at the end, not when the GC finds it
        carrier.setLoop(core);
        return new TestLoop(core, clock);
    }

    /** Whether the loop keeps virtual time. */
    public boolean isVirtual() {
        return virtual != null;
    }

    /** The loop as user code sees it ({@code Coro.getRunningLoop()}). */
    public EventLoop eventLoop() {
        checkThread("eventLoop");
        return LoopFacade.of(core);
    }

    /**
     * Runs {@code method} on {@code target} with {@code arguments} as the main task of the loop until it is
     * done, and returns its result or throws what it threw. The loop stops then; the other tasks wait for
     * the next method.
     *
     * @param realLimitNanos the method's time limit on real time; zero or less for none
     * @param virtualLimitNanos on virtual time, its limit on virtual time as well (whichever passes first);
     *     zero or less for none. Ignored on real time.
     * @throws TimedOut when a limit passed: the task was cancelled then, and what it ended with is added to
     *     it as a suppressed exception
     */
    public Object run(Method method, Object target, Object[] arguments, long realLimitNanos, long virtualLimitNanos)
            throws Throwable {
        checkThread("run");
        TaskImpl<Object> main = TaskImpl.start(core, new ReflectiveBody(method, target, arguments), null);
        main.addDoneCallback(done -> core.stop());
        TimedOut[] timedOut = new TimedOut[1];
        long loopLimit = virtual == null ? realLimitNanos : virtualLimitNanos;
        Timer limit = null;
        if (loopLimit > 0) {
            limit = core.callLater(loopLimit, () -> timeOut(main, virtual != null, loopLimit, timedOut));
            if (virtual != null) {
                virtual.setLimit(limit.deadline());
            }
        }
        Future<?> realLimit = virtual == null || realLimitNanos <= 0 ? null : Watchdog.TIMER.schedule(
                () -> core.offerThreadsafe(() -> timeOut(main, false, realLimitNanos, timedOut)),
                realLimitNanos, TimeUnit.NANOSECONDS);
        try {
            core.runForever();
        } finally {
            if (limit != null) {
                core.cancel(limit);
            }
            if (realLimit != null) {
                realLimit.cancel(false);
            }
            if (virtual != null) {
                virtual.setLimit(Long.MAX_VALUE);
            }
        }
        if (!main.isDone()) {
            throw new IllegalStateException("the event loop stopped before " + method.getName() + " was done");
        }
        if (timedOut[0] != null) {
            Throwable ended = main.isCancelled() ? cancellation(main) : main.exception();
            if (ended != null) {
                timedOut[0].addSuppressed(ended);
            }
            throw timedOut[0];
        }
        if (!main.isCancelled()) {
            Throwable failure = main.exception();
            if (failure != null) {
                throw failure;
            }
        }
        return main.result(); // cancelled: throws the CancellationException
    }

    private void timeOut(TaskImpl<Object> main, boolean virtualTime, long limitNanos, TimedOut[] timedOut) {
        if (!main.isDone() && timedOut[0] == null) {
            timedOut[0] = new TimedOut(virtualTime, limitNanos, TaskDump.of(core));
            main.cancel("the test's time limit passed");
        }
    }

    private static Throwable cancellation(TaskImpl<?> task) {
        try {
            task.result();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * What the test left behind: the dump of the tasks still pending, which are then cancelled and run to
     * their end (within the limits, as {@link #run} takes them), and the task exceptions nobody retrieved.
     * Call after the test's last method, then {@link #close}.
     */
    public Leftovers finish(long realLimitNanos, long virtualLimitNanos) {
        checkThread("finish");
        List<TaskImpl<?>> pending = TaskIntrospection.pending(core);
        String dump = pending.isEmpty() ? null : TaskDump.of(core);
        List<ExceptionContext> failures = new ArrayList<>();
        int ignored = 0;
        if (!pending.isEmpty()) {
            Future<?> realLimit = virtual == null || realLimitNanos <= 0 ? null : Watchdog.TIMER.schedule(
                    () -> core.offerThreadsafe(core::stop), realLimitNanos, TimeUnit.NANOSECONDS);
            try {
                for (TaskImpl<?> t : Runner.cancelAndFinish(core, virtual == null ? realLimitNanos : virtualLimitNanos)) {
                    failures.add(ExceptionContext.of("Task failed while the end of the test cancelled it: " + t,
                            t.exception()).with(ExceptionContext.TASK, t));
                }
            } finally {
                if (realLimit != null) {
                    realLimit.cancel(false);
                }
            }
            ignored = TaskIntrospection.pending(core).size();
        }
        failures.addAll(core.unretrievedFailures().takeAll());
        return new Leftovers(dump, failures, ignored);
    }

    /** Closes the loop (what is still pending is dropped) and takes it off the thread. */
    public void close() {
        checkThread("close");
        try {
            core.close();
        } finally {
            Carrier.get().setLoop(null);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // The TestClock (virtual time only), from a task of this loop
    // ------------------------------------------------------------------------------------------------

    /** The loop's time, in nanoseconds. */
    public long time() {
        return core.time();
    }

    /**
     * Suspends the calling task while the loop runs everything due in the next {@code nanos} of virtual
     * time, moving the clock from timer to timer; resumes it when the clock reaches that time, before what
     * is due exactly then.
     */
    @Async
    public void advanceBy(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("the clock cannot go back: " + nanos + " ns");
        }
        clock("advanceBy").advance(VirtualClock.Kind.BY, core.deadlineAfter(nanos),
                "TestClock.advanceBy");
    }

    /** Suspends the calling task until nothing is left to run but the test's time limit. */
    @Async
    public void advanceUntilIdle() {
        clock("advanceUntilIdle").advance(VirtualClock.Kind.UNTIL_IDLE, 0, "TestClock.advanceUntilIdle");
    }

    /** Suspends the calling task while the loop runs everything due now; the clock stays. */
    @Async
    public void runCurrent() {
        clock("runCurrent").advance(VirtualClock.Kind.CURRENT, 0, "TestClock.runCurrent");
    }

    /** Moves the clock on by {@code nanos} at once, as code holding the loop's thread that long would. */
    public void blockFor(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("the clock cannot go back: " + nanos + " ns");
        }
        clock("blockFor").block(nanos);
    }

    private VirtualClock clock(String method) {
        if (virtual == null) {
            throw new IllegalStateException("TestClock." + method + " needs virtual time, and this test runs"
                    + " on real time");
        }
        return virtual;
    }

    private void checkThread(String method) {
        if (!core.inLoopThread()) {
            throw new IllegalStateException("the event loop of a test belongs to the thread that started the"
                    + " test, \"" + core.thread().getName() + "\", and " + method + " was called on \""
                    + Thread.currentThread().getName() + "\"");
        }
    }

    @Override
    public String toString() {
        return "TestLoop[" + (virtual != null ? "virtual time" : "real time") + ", " + core + "]";
    }
}
