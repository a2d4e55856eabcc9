package io.coro4j.internal.loop;

import io.coro4j.ExceptionContext;
import io.coro4j.ExceptionHandler;
import io.coro4j.Task;
import io.coro4j.internal.debug.DebugMode;
import io.coro4j.internal.debug.ExceptionLog;
import io.coro4j.internal.debug.SlowCallbacks;
import io.coro4j.internal.debug.UnretrievedFailures;
import io.coro4j.internal.jfr.Flight;
import io.coro4j.protocol.Carrier;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The core of one thread's event loop: asyncio's {@code BaseEventLoop}, apart from the public
 * {@link io.coro4j.EventLoop} that user code sees (implemented over this one by the task package, which
 * adds what needs tasks). A FIFO ready queue of
 * callbacks, a {@link TimerQueue} ordered by deadline then by the order timers were set, an
 * {@link Inbox} for callbacks from other threads, an {@link IoPoller} (the selector, from the first I/O
 * registration on) and a {@link Clock}. {@link #runOnce()} is the only place where callbacks run, so
 * nothing ever runs inside the call that scheduled it.
 *
 * <p>The loop belongs to the thread that made it; every method but {@link #callSoonThreadsafe} and
 * {@link #offerThreadsafe} must be called on that thread (they assert it, as Netty's loop-only methods
 * assert {@code inEventLoop()}).
 *
 * <pre>
 *            runForever()                 stop(), then the end of the turn
 *   idle  ------------------&gt; running  ----------------------------------&gt; idle
 *     |                                                                      |
 *     +------------------------------ close() -------------------------------+--&gt; closed
 *                  (refuses what is queued and later posts; runs the close actions)
 * </pre>
 *
 * <p>Every post from another thread is either run or refused: {@link #offerThreadsafe} returns false once
 * the loop is closed, and a post accepted before the close but not run by then is handed to the close,
 * which calls {@link Refusable#refused()} on it if it is one (a future waits on it) and drops it
 * otherwise, as asyncio's close drops its ready queue.
 */
public final class LoopCore {

    private final Thread thread;
    private final Carrier carrier;
    private final Clock clock;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    private final Inbox inbox;
    private final WeakRegistry<Task<?>> tasks = new WeakRegistry<>();
    private final UnretrievedFailures unretrieved = new UnretrievedFailures(this::reportFromAnyThread);
    /** The next {@link #nextTaskOrdinal()}. */
    private int taskOrdinal;
    /**
     * Debug mode (asyncio's {@code loop.set_debug}): each callback is timed, and one that ran longer than
     * {@link #slowCallbackNanos} is logged. Volatile so that another thread (JMX) may switch it; read once
     * per turn, so that it costs nothing per callback when off.
     */
    private volatile boolean debug = DebugMode.DEBUG;
    private volatile long slowCallbackNanos = DebugMode.SLOW_CALLBACK.toNanos();

    /** Inside {@link #runOnce}: a second, nested turn would run callbacks out of order. */
    private boolean inTurn;
    /** The number of turns begun: see {@link #turn()}. */
    private long turn;
    /** The selector, from the loop's first I/O registration on ({@link #io()}); null until then. */
    private IoPoller io;
    /** Inside {@link #runForever}; read by other threads as a hint. */
    private volatile boolean running;
    /** {@link #stop} was called: {@link #runForever} returns after the current turn. */
    private boolean stopping;
    /** Read by other threads before they post. */
    private volatile boolean closed;
    /** Run by {@link #close}: what must complete when the loop closes (futures of tasks still pending). */
    private final LinkedHashSet<Runnable> closeActions = new LinkedHashSet<>();
    /** What the loop does with errors nobody else can take; null for the default (logging). */
    private volatile ExceptionHandler exceptionHandler;
    /** The public face of this loop ({@code Coro.getRunningLoop()}), made at its first use. */
    private io.coro4j.EventLoop publicView;

    /** A loop for the calling thread. */
    public LoopCore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = Thread.currentThread();
        this.carrier = Carrier.get();
        this.inbox = new Inbox(thread);
    }

    /** The loop running on the calling thread (as {@code Coro.run} registered it), or {@code null}. */
    public static LoopCore current() {
        Object loop = Carrier.get().loop();
        return loop instanceof LoopCore ? (LoopCore) loop : null;
    }

    public boolean inLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** The thread the loop belongs to. */
    public Thread thread() {
        return thread;
    }

    /** The carrier of the loop's thread: a task step switches the running continuation there. */
    public Carrier carrier() {
        return carrier;
    }

    /**
     * The registry of this loop's tasks that wait on something the loop does not hold (a task, a future, a
     * lock...), weakly, as asyncio's: filled by the task package. Tasks whose step is queued or that sleep
     * are held by the loop itself and are found by {@link #forEachQueued}.
     */
    public WeakRegistry<Task<?>> tasks() {
        assert inLoopThread();
        return tasks;
    }

    /**
     * Numbers tasks of this loop in the order they ask, from 0 (the task package asks for the tasks that
     * take no {@code Task-N} number); it wraps after 2<sup>32</sup>, so compare two by their difference.
     */
    public int nextTaskOrdinal() {
        return taskOrdinal++;
    }

    /**
     * Shows {@code visit} every callback in the ready queue (a sleep that is over as its {@link Sleeper})
     * and every node of the timer queue ({@link Timer}s and sleepers), in no particular order. Loop thread
     * only; {@code visit} must not schedule.
     */
    public void forEachQueued(Consumer<Object> visit) {
        assert inLoopThread();
        for (Runnable r : ready) {
            visit.accept(r instanceof SleepOver ? ((SleepOver) r).sleeper : r);
        }
        timers.forEach(visit);
    }

    /** The task exceptions nobody retrieved yet: reported when their task is collected or at {@link #close}. */
    public UnretrievedFailures unretrievedFailures() {
        return unretrieved;
    }

    /** Whether the loop is in debug mode; from any thread. */
    public boolean isDebug() {
        return debug;
    }

    /** Switches debug mode: from the next turn on, callbacks slower than the threshold are logged. Any thread. */
    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    /** The slow-callback threshold of debug mode, in nanoseconds. */
    public long slowCallbackNanos() {
        return slowCallbackNanos;
    }

    /** Sets the slow-callback threshold of debug mode (asyncio's {@code slow_callback_duration}). Any thread. */
    public void setSlowCallbackNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("negative slow-callback duration: " + nanos + " ns");
        }
        this.slowCallbackNanos = nanos;
    }

    /** The loop's time, in nanoseconds of its clock. */
    public long time() {
        return clock.nanoTime();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether {@link #runForever} runs; from any thread, a hint. */
    public boolean isRunning() {
        return running;
    }

    /**
     * The public face of this loop, made by {@code make} the first time (the task package makes it: the
     * loop knows nothing of tasks). Loop thread only.
     */
    public io.coro4j.EventLoop publicView(Function<LoopCore, io.coro4j.EventLoop> make) {
        checkLoopThread();
        if (publicView == null) {
            publicView = make.apply(this);
        }
        return publicView;
    }

    // ------------------------------------------------------------------------------------------------
    // Scheduling
    // ------------------------------------------------------------------------------------------------

    /** Runs {@code callback} at the next turn, after the callbacks already ready (asyncio's call_soon). */
    public void callSoon(Runnable callback) {
        assert inLoopThread() : "callSoon off the loop thread";
        Objects.requireNonNull(callback, "callback");
        checkOpen();
        ready.add(callback);
    }

    /**
     * Runs {@code callback} on the loop, from any thread (asyncio's call_soon_threadsafe). On the loop
     * thread it is {@link #callSoon}.
     *
     * @throws IllegalStateException when the loop is closed
     */
    public void callSoonThreadsafe(Runnable callback) {
        if (!offerThreadsafe(callback)) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    /**
     * {@link #callSoonThreadsafe}, but returns false instead of throwing when the loop is closed. A
     * callback accepted here either runs or, if the loop closes first, is refused (see the class comment).
     */
    public boolean offerThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (inLoopThread()) {
            if (closed) {
                return false;
            }
            ready.add(callback);
            return true;
        }
        return inbox.post(callback);
    }

    /** Runs {@code callback} once {@code delayNanos} have passed (asyncio's call_later); zero or less: soon. */
    public Timer callLater(long delayNanos, Runnable callback) {
        return schedule(new Timer.Action(Objects.requireNonNull(callback, "callback")),
                saturatedAdd(time(), Math.max(0, delayNanos)));
    }

    /** {@link #callLater(long, Runnable)} with a {@link Duration}. */
    public Timer callLater(Duration delay, Runnable callback) {
        return callLater(toNanos(Objects.requireNonNull(delay, "delay")), callback);
    }

    /** Runs {@code callback} when {@link #time()} reaches {@code deadline} (asyncio's call_at). */
    public Timer callAt(long deadline, Runnable callback) {
        return schedule(new Timer.Action(Objects.requireNonNull(callback, "callback")), deadline);
    }

    /** Puts a timer made by the caller in the queue, due at {@code deadline}; returns it. */
    public <T extends Timer> T schedule(T timer, long deadline) {
        assert inLoopThread() : "schedule off the loop thread";
        checkOpen();
        if (timer.slot != 0 || timer.cancelled) {
            throw new IllegalStateException("timer already scheduled: " + timer);
        }
        timer.deadline = deadline;
        timers.add(timer, deadline);
        return timer;
    }

    /**
     * Puts {@code sleeper} in the timer queue, due at {@code deadline}, ordered with the timers: when it is
     * due, a callback calling {@link Sleeper#sleepOver()} takes its place in the ready queue.
     */
    public void sleep(Sleeper sleeper, long deadline) {
        assert inLoopThread() : "sleep off the loop thread";
        Objects.requireNonNull(sleeper, "sleeper");
        checkOpen();
        if (sleeper.timerSlot() != 0) {
            throw new IllegalStateException("already asleep: " + sleeper);
        }
        timers.add(sleeper, deadline);
    }

    /** Takes {@code sleeper} out of the timer queue, if it is there (a sleep is over only once). */
    public void cancelSleep(Sleeper sleeper) {
        assert inLoopThread() : "cancelSleep off the loop thread";
        timers.remove(sleeper);
    }

    /** The deadline of a sleeper in the timer queue ({@link Sleeper#timerSlot()} not 0). */
    public long sleepDeadline(Sleeper sleeper) {
        return timers.deadlineOf(sleeper);
    }

    /** Cancels a timer: it leaves the queue at once and never fires. Cancelling twice is harmless. */
    public void cancel(Timer timer) {
        assert inLoopThread() : "cancel off the loop thread";
        timer.cancelled = true;
        timers.remove(timer);
    }

    // ------------------------------------------------------------------------------------------------
    // Running
    // ------------------------------------------------------------------------------------------------

    /**
     * One turn (asyncio's {@code _run_once}): wait until something is ready, a timer is due or another
     * thread posts (not at all when callbacks are ready); move posted callbacks, then the callbacks of the
     * channels found ready (and the tasks waiting on them), then due timers (by deadline, then order set)
     * to the end of the ready queue; run exactly the callbacks ready at that point. Callbacks they schedule
     * wait for the next turn. A callback that throws goes to the {@link #callExceptionHandler exception
     * handler}; the turn goes on. In debug mode each callback is timed, and one that held the loop longer
     * than the threshold is logged at WARNING.
     *
     * <p>The wait is a park until the loop's first I/O registration opens its selector ({@link #io()}),
     * and a select from then on. This method stays small (under HotSpot's {@code FreqInlineSize} of 325
     * bytes, so that {@link #runForever} inlines it): the I/O, timers, debug timing and failures are
     * methods of their own, and a loop without I/O or timers pays one field test for each.
     *
     * <p>A {@link VirtualMachineError} (out of memory, a stack overflow, an internal error of the JVM) is
     * not an error of one callback: as asyncio lets {@code SystemExit} and {@code KeyboardInterrupt}
     * through, it leaves this method at once, and {@link #runForever} and {@code Coro.run} with it. The
     * callbacks of this turn that had not run yet stay at the front of the ready queue, in order, so a
     * loop run again goes on where it stopped.
     */
    public void runOnce() {
        checkLoopThread();
        checkOpen();
        if (inTurn) {
            throw new IllegalStateException("the event loop is already running a turn on this thread");
        }
        inTurn = true;
        try {
            turn++;
            if (io != null) {
                collectIo();
            } else {
                if (ready.isEmpty() && !stopping) {
                    inbox.await(waitNanos(), clock);
                }
                inbox.drainTo(ready);
            }
            if (timers.size() > 0) { // no clock read on the turns of a loop without timers
                moveDueTimers();
            }
            if (debug | Flight.recording) {
                runReadyTimed();
            } else {
                runReady();
            }
        } finally {
            inTurn = false;
        }
    }

    /** How long the turn may wait: forever (-1) without timers, else until the first is due. */
    private long waitNanos() {
        return timers.size() == 0 ? -1 : Math.max(0, timers.firstDeadline() - clock.nanoTime());
    }

    /** The turn's wait and collection with a selector: poll when callbacks are ready, else select. */
    private void collectIo() {
        inbox.awaitIo(ready.isEmpty() && !stopping ? waitNanos() : 0, clock);
        inbox.drainTo(ready);
        io.dispatch();
    }

    private void moveDueTimers() {
        long now = clock.nanoTime();
        long lagFrom = Flight.recording ? timers.firstDeadline() : Long.MAX_VALUE; // JFR: LoopLag
        int queued = timers.size();
        while (timers.size() > 0 && timers.firstDeadline() <= now) {
            Object due = timers.poll();
            ready.add(due instanceof Timer ? (Timer) due : new SleepOver((Sleeper) due));
        }
        if (lagFrom <= now) {
            Flight.loopLag(now - lagFrom, queued - timers.size());
        }
    }

    /** Runs the callbacks ready now, and no more (see {@link #runOnce}). */
    private void runReady() {
        for (int n = ready.size(); n > 0; n--) {
            Runnable callback = ready.poll();
            try {
                callback.run();
            } catch (VirtualMachineError e) {
                throw e; // asyncio's SystemExit: the loop stops; the callbacks after it stay queued
            } catch (Throwable e) {
                callbackFailed(callback, e);
            }
        }
    }

    /**
     * {@link #runReady()} in debug mode, or while a JFR recording runs: in debug mode each callback that
     * runs longer than the threshold is logged (timed with the loop's clock, so that virtual time sees slow
     * steps too); while recording, each step is a SlowStep event (JFR keeps those past its threshold).
     */
    private void runReadyTimed() {
        boolean timed = debug;
        boolean recorded = Flight.recording;
        long slow = slowCallbackNanos;
        for (int n = ready.size(); n > 0; n--) {
            Runnable callback = ready.poll();
            long started = timed ? clock.nanoTime() : 0;
            Object step = recorded ? Flight.stepStarts() : null;
            try {
                callback.run();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                callbackFailed(callback, e);
            }
            Flight.stepEnded(step, callback);
            if (timed) {
                long took = clock.nanoTime() - started;
                if (took >= slow) {
                    SlowCallbacks.report(callback, took);
                }
            }
        }
    }

    private void callbackFailed(Runnable callback, Throwable e) {
        ExceptionContext context = ExceptionContext.of("Exception in callback " + callback, e)
                .with(ExceptionContext.CALLBACK, callback);
        callExceptionHandler(callback instanceof Task ? context.with(ExceptionContext.TASK, callback) : context);
    }

    /**
     * The number of the current turn (the turns this loop has begun): a task that sees the same number
     * twice has not suspended in between, since a step runs within one turn and a woken task's step comes
     * at a later turn.
     */
    public long turn() {
        return turn;
    }

    /**
     * The loop's selector, opened now if this is its first I/O registration. Loop thread only.
     *
     * @throws IOException when the selector cannot be opened
     * @throws IllegalStateException when the loop is closed
     */
    public IoPoller io() throws IOException {
        checkLoopThread();
        checkOpen();
        IoPoller poller = io;
        if (poller == null) {
            poller = new IoPoller(this);
            inbox.useSelector(poller);
            io = poller;
        }
        return poller;
    }

    /** The loop's selector if it has one, else {@code null}: opens nothing. */
    public IoPoller ioIfOpen() {
        return io;
    }

    /** Runs turns until {@link #stop()} is called (asyncio's run_forever). */
    public void runForever() {
        checkLoopThread();
        if (running) {
            throw new IllegalStateException("the event loop is already running");
        }
        running = true;
        try {
            do {
                runOnce();
            } while (!stopping);
        } finally {
            stopping = false;
            running = false;
            inbox.restoreInterrupt();
        }
    }

    /**
     * Makes {@link #runForever} return after the current turn; called before it, the next
     * {@code runForever} runs one turn.
     */
    public void stop() {
        assert inLoopThread();
        stopping = true;
    }

    /**
     * Closes the loop: later scheduling fails and later posts are refused; every callback still queued (in
     * the ready queue, then those posted by other threads) is refused if it is {@link Refusable} and
     * dropped otherwise; the timers are dropped; the close actions run, in the order added; the channels the
     * loop owns (the sockets of its streams and servers) are closed, and its selector with them. Task
     * exceptions never retrieved are reported now (the loop's last chance to say so). Closing a closed
     * loop does nothing.
     */
    public void close() {
        checkLoopThread();
        if (running) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        List<Runnable> left = new ArrayList<>(ready);
        ready.clear();
        left.addAll(inbox.close());
        timers.clear();
        for (Runnable callback : left) {
            if (callback instanceof Refusable) {
                try {
                    ((Refusable) callback).refused();
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    callExceptionHandler(ExceptionContext.of("Exception while refusing " + callback
                            + " at the close of the event loop", e).with(ExceptionContext.CALLBACK, callback));
                }
            }
        }
        List<Runnable> actions = new ArrayList<>(closeActions);
        closeActions.clear();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                callExceptionHandler(ExceptionContext.of("Exception in close action " + action, e)
                        .with(ExceptionContext.CALLBACK, action));
            }
        }
        if (io != null) {
            io.close();
        }
        unretrieved.reportAll();
        inbox.restoreInterrupt();
    }

    /**
     * Runs {@code action} when the loop closes, unless it is removed before with {@link #removeOnClose}:
     * how a future promised by the loop completes although its work never will. Loop thread only.
     */
    public void onClose(Runnable action) {
        assert inLoopThread() : "onClose off the loop thread";
        checkOpen();
        closeActions.add(Objects.requireNonNull(action, "action"));
    }

    /** Forgets a close action (its future completed); a no-op when it is not there. Loop thread only. */
    public void removeOnClose(Runnable action) {
        assert inLoopThread() : "removeOnClose off the loop thread";
        closeActions.remove(action);
    }

    // ------------------------------------------------------------------------------------------------
    // Errors nobody else can take
    // ------------------------------------------------------------------------------------------------

    /** Sets the exception handler ({@code null}: the default, which logs). Any thread. */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /** The exception handler set, or {@code null} for the default. Any thread. */
    public ExceptionHandler exceptionHandler() {
        return exceptionHandler;
    }

    /**
     * asyncio's {@code call_exception_handler}: hands {@code context} to the handler set, with the public
     * face of the loop, or logs it ({@link ExceptionLog}). A handler that throws is logged with the context
     * it was handling; a {@link VirtualMachineError} goes through. Loop thread only, open or closed.
     */
    public void callExceptionHandler(ExceptionContext context) {
        checkLoopThread();
        handle(context);
    }

    private void handle(ExceptionContext context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            ExceptionLog.log(context);
            return;
        }
        try {
            handler.handle(publicView, context);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            ExceptionLog.log(ExceptionContext.of("Unhandled error in exception handler", e)
                    .with("context", context));
        }
    }

    /**
     * {@link #callExceptionHandler} from any thread (the cleaner's report of a task collected with its
     * exception never retrieved): posted to the loop; on the calling thread once the loop is closed.
     */
    private void reportFromAnyThread(ExceptionContext context) {
        if (inLoopThread()) {
            handle(context);
        } else if (!offerThreadsafe(() -> handle(context))) {
            handle(context);
        }
    }

    /** The number of callbacks ready now (for tests and diagnostics). */
    public int readyCount() {
        return ready.size();
    }

    /** The number of timers waiting (for tests and diagnostics). */
    public int timerCount() {
        return timers.size();
    }

    // ------------------------------------------------------------------------------------------------

    private void checkLoopThread() {
        if (!inLoopThread()) {
            throw new IllegalStateException("event loop of " + thread.getName()
                    + " used from thread " + Thread.currentThread().getName());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    /** {@code a + b} for non-negative {@code b}, capped at {@link Long#MAX_VALUE}: how deadlines add up. */
    public static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /** A duration in nanoseconds, capped at {@link Long#MAX_VALUE}; negative stays negative. */
    public static long toNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Loop time {@code delayNanos} from now (zero or negative: now), capped. */
    public long deadlineAfter(long delayNanos) {
        return saturatedAdd(time(), Math.max(0, delayNanos));
    }

    /** The callback that ends a sleep whose deadline passed: a timer's run, for a sleeper. */
    private static final class SleepOver implements Runnable {
        final Sleeper sleeper;

        SleepOver(Sleeper sleeper) {
            this.sleeper = sleeper;
        }

        @Override
        public void run() {
            sleeper.sleepOver();
        }

        @Override
        public String toString() {
            return "end of the sleep of " + sleeper;
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + thread.getName() + (closed ? ", closed" : running ? ", running" : "")
                + ", ready=" + ready.size() + ", timers=" + timers.size() + "]";
    }
}
