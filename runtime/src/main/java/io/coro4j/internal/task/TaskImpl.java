package io.coro4j.internal.task;

import io.coro4j.Async;
import io.coro4j.AsyncCallable;
import io.coro4j.AsyncRunnable;
import io.coro4j.ExceptionContext;
import io.coro4j.Task;
import io.coro4j.internal.debug.StackPrinter;
import io.coro4j.internal.debug.UnretrievedFailures;
import io.coro4j.internal.jfr.Flight;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Sleeper;
import io.coro4j.internal.loop.WeakRegistry;
import io.coro4j.protocol.Carrier;
import io.coro4j.protocol.Lambdas;
import io.coro4j.protocol.Continuation;
import io.coro4j.protocol.CallsBody;
import io.coro4j.protocol.Leaf;
import io.coro4j.protocol.LeafPoint;
import io.coro4j.protocol.LostSuspension;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A task: the continuation of one coroutine body, scheduled on the event loop of the thread that made
 * it (asyncio's {@code Task}). The task itself is the loop callback that runs its next step
 * ({@link #run()}), and the done listener that wakes it when a task it joins ends: a waiting task
 * costs its continuation, this object, what it waits on and its registry entry, and no lambda.
 *
 * <h2>States ({@link #state})</h2>
 *
 * <pre>
 *   start()
 *     |
 *     v           run(): a step                     the body suspended
 *  SCHEDULED ------------------&gt; RUNNING ----------------------------------&gt; WAITING on waitingOn
 *     ^                          |  |  |  (sleep(0): back to SCHEDULED)          |
 *     |                          |  |  +-- body returned --&gt; SUCCEEDED           |
 *     |                          |  +----- body threw -----&gt; FAILED             |
 *     |                          +-------- threw a CancellationException         |
 *     |                                    (or returned with a cancel pending) --&gt; CANCELLED
 *     +------------- wake(token == waitingOn), or a cancel the waited thing let go ----+
 * </pre>
 *
 * <p>The invariant is asyncio's: a pending task is either SCHEDULED (one step queued, waiting on
 * nothing), RUNNING, or WAITING (on {@link #waitingOn}, no step queued). A cancel sets
 * {@link #MUST_CANCEL}: a WAITING task first offers it to what it waits on ({@link Waitable}), a task it
 * joins or the children of its gather, and keeps waiting if that thing takes it; otherwise the task
 * stops waiting and its next step throws {@code new CancellationException(message)} into the body. A
 * task that never ran then ends cancelled without running.
 *
 * <h2>Where the loop finds it ({@link TaskIntrospection#pending})</h2>
 *
 * <p>A pending task is reachable from its loop in exactly one of these ways, and {@code allTasks()} looks
 * in all of them: it is running (the carrier's running continuation), its step is queued (the ready
 * queue holds the task), it sleeps ({@code Coro.sleep}: the task is its own node in the timer queue, a
 * {@link Sleeper}, and {@code waitingOn == this}; once due, the ready queue holds its wake-up), or it
 * waits on something else ({@link #waitOn}). Only that last kind is held weakly by the loop's registry,
 * as asyncio holds every task: the task's {@link Extra} is linked into it the first time the task waits so,
 * and stays there until the task is done. A task that sleeps or yields never pays for a weak reference.
 */
public final class TaskImpl<T> extends Continuation
        implements Task<T>, Runnable, DoneListener, Waitable, Sleeper {
    /** One counter for the whole process, as asyncio's: the first unnamed task is Task-1. */
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(1);


    // The low two bits of state: the outcome.
    private static final int PENDING = 0;
    private static final int SUCCEEDED = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;
    private static final int OUTCOME = 3;
    // Flags.
    /** The body was called once: a step resumes its saved frames. */
    private static final int STARTED = 1 << 2;
    /** One step is queued on the loop ({@link #run} ignores itself otherwise). */
    private static final int STEP_SCHEDULED = 1 << 3;
    /** A step runs now. */
    private static final int RUNNING = 1 << 4;
    /** A cancel is pending; its message waits in the {@link Extra} ({@link #cancelMessage()}). */
    private static final int MUST_CANCEL = 1 << 5;
    /** The body is an {@link AsyncRunnable} (else an {@link AsyncCallable}). */
    private static final int RUNNABLE_BODY = 1 << 6;
    /**
     * With MUST_CANCEL: the cancel woke the task from its wait (the waited thing let go of it), so it is
     * delivered even if {@link #uncancel()} brings the count back to zero, as asyncio's cancelled
     * {@code _fut_waiter} still wakes the task with {@code CancelledError}.
     */
    private static final int CANCEL_WOKE = 1 << 7;
    /** Named at creation: it took no number of its own (see {@link #number}). */
    private static final int NAMED = 1 << 8;
    /**
     * The bits above the flags hold the timer queue's slot while the task sleeps ({@link Sleeper}: up to
     * {@link Sleeper#MAX_SLOT}, 2<sup>23</sup> - 1), 0 otherwise: a field less in every task. asyncio's
     * {@code cancelling()} count, which few tasks ever set, is in the {@link Extra}.
     */
    private static final int SLOT_SHIFT = 9;
    private static final int FLAGS = (1 << SLOT_SHIFT) - 1;
    /** {@code cancelling()} stays at this maximum rather than overflow (as when the state word held it). */
    private static final int MAX_CANCELS = (1 << 23) - 1;

    // The state word read through names, in the order of the bits above.
    static boolean isPending(int s) { return (s & OUTCOME) == PENDING; }
    static boolean isSucceeded(int s) { return (s & OUTCOME) == SUCCEEDED; }
    static boolean isFailed(int s) { return (s & OUTCOME) == FAILED; }
    static boolean isCancelled(int s) { return (s & OUTCOME) == CANCELLED; }
    static boolean isStarted(int s) { return (s & STARTED) != 0; }
    static boolean isStepScheduled(int s) { return (s & STEP_SCHEDULED) != 0; }
    static boolean isRunning(int s) { return (s & RUNNING) != 0; }
    static boolean mustCancel(int s) { return (s & MUST_CANCEL) != 0; }

    /** A pending cancel that woke the task from its wait: see {@link #CANCEL_WOKE}. */
    static boolean cancelWoke(int s) { return (s & CANCEL_WOKE) != 0; }
    static boolean hasRunnableBody(int s) { return (s & RUNNABLE_BODY) != 0; }
    static boolean isNamed(int s) { return (s & NAMED) != 0; }


    private final LoopCore loop;
    private final Object body;
    /** Outcome bits, flags and the timer slot; see the class comment and {@link #SLOT_SHIFT}. */
    private int state;
    /**
     * Pending: while WAITING, the token of what the task waits on (the task itself while it sleeps, a task
     * it joins, a {@link Completion}): a wake-up naming another token is stale and ignored; null
     * otherwise. Done: the result, or the Throwable the task ended with ({@link #outcomeValue()}). One
     * field for both, as a pending task has no result and a done one waits on nothing: four bytes less in
     * every task. A pending cancel's message is in the {@link Extra}.
     */
    private Object waitingOn;
    /**
     * The done listeners (null, one {@link DoneListener}, or an {@code ArrayList} of them, in the order
     * added), or an {@link Extra} that holds them beside the registry entry and the rarely set fields:
     * one field for both, so that a task that never needs an {@code Extra} pays one reference.
     */
    private Object extra;
    /**
     * {@code Task-number}'s number (asyncio counts the unnamed tasks only). A task named at creation
     * takes none: it holds the number the next unnamed task will take, which orders it (see
     * {@link TaskIntrospection#pending}).
     */
    private final int number;
    /**
     * While the task sleeps, the timer queue's sequence number for it ({@link Sleeper}): room the object
     * has spare (its fields take 60 bytes with the header, and objects are 8-byte aligned).
     */
    private int timerSeq;

    private TaskImpl(LoopCore loop, Object body, int flags, String name) {
        this.loop = loop;
        this.body = RewriteCheck.checked(body); // un-rewritten code never runs silently
        if (name == null) {
            this.state = flags;
            this.number = NEXT_NUMBER.getAndIncrement();
        } else {
            this.state = flags | NAMED;
            this.number = NEXT_NUMBER.get();
            Extra x = extra();
            x.name = name;
            x.ordinal = loop.nextTaskOrdinal();
        }
    }

    /** A new task running {@code body} on {@code loop}, its first step queued behind the ready callbacks. */
    public static <T> TaskImpl<T> start(LoopCore loop, AsyncCallable<T> body, String name) {
        return register(new TaskImpl<>(loop, body, 0, name));
    }

    /** {@link #start(LoopCore, AsyncCallable, String)} for a body without a result. */
    public static TaskImpl<Void> start(LoopCore loop, AsyncRunnable body, String name) {
        return register(new TaskImpl<>(loop, body, RUNNABLE_BODY, name));
    }

    private static <T> TaskImpl<T> register(TaskImpl<T> task) {
        if (Flight.recording) {
            Flight.taskCreated(task, task.loop.carrier().running());
        }
        task.scheduleStep(); // the ready queue holds it now: no registry entry (see the class comment)
        return task;
    }

    // ------------------------------------------------------------------------------------------------
    // What introspection reads (TaskIntrospection), on the loop thread
    // ------------------------------------------------------------------------------------------------

    int state() { return state; }
    Object waitingOn() { return isPending(state) ? waitingOn : null; }
    Object body() { return body; }

    /** Done: the result, or the Throwable the task ended with; pending: a cancel's message. */
    Object resultOrFailure() { return isPending(state) ? cancelMessage() : waitingOn; }

    /** A done task's result, or the Throwable it ended with. */
    private Object outcomeValue() { return waitingOn; }

    /** asyncio's {@code cancelling()}: the cancels requested and not withdrawn. */
    int cancelCount() {
        Extra x = extraOrNull();
        return x == null ? 0 : x.cancels;
    }

    /** The message of the pending cancel (null: none, or none given). */
    private String cancelMessage() {
        Extra x = extraOrNull();
        return x == null ? null : x.cancelMessage;
    }

    /** {@link #cancelMessage()}, which the cancel delivered now no longer holds. */
    private String takeCancelMessage() {
        Extra x = extraOrNull();
        if (x == null) {
            return null;
        }
        String message = x.cancelMessage;
        x.cancelMessage = null;
        return message;
    }

    /** The number of {@code Task-number}, or for a task named at creation the next unnamed one's. */
    int number() { return number; }

    /** The number the next unnamed task will take. */
    static int nextNumber() {
        return NEXT_NUMBER.get();
    }

    boolean namedAtCreation() { return isNamed(state); }

    /** Named at creation: its loop ordinal (see {@link TaskIntrospection}'s creation order). */
    int ordinal() { return ((Extra) extra).ordinal; }

    /** The saved frames, innermost first, as the protocol keeps them. */
    List<StackTraceElement> savedFrames() {
        return savedStack();
    }

    /** The task's {@link Extra}, made now if needed (the listeners move into it). */
    private Extra extra() {
        Object x = extra;
        if (x instanceof Extra) {
            return (Extra) x;
        }
        Extra made = new Extra(this);
        made.listeners = x;
        extra = made;
        return made;
    }

    /** The task's {@link Extra}, or null if it has none. */
    private Extra extraOrNull() {
        Object x = extra;
        return x instanceof Extra ? (Extra) x : null;
    }

    private Object listeners() {
        Object x = extra;
        return x instanceof Extra ? ((Extra) x).listeners : x;
    }

    private void setListeners(Object listeners) {
        Object x = extra;
        if (x instanceof Extra) {
            ((Extra) x).listeners = listeners;
        } else {
            extra = listeners;
        }
    }

    /**
     * The task running on this thread.
     *
     * @param method the coroutine method asking, named in the error when no task runs
     */
    public static TaskImpl<?> current(String method) {
        return of(Carrier.get().running(), method);
    }

    /**
     * {@code running}, the continuation running on this thread, as a task (a hand-written leaf has it
     * already: no second lookup).
     *
     * @param method the coroutine method asking, named in the error when no task runs
     */
    public static TaskImpl<?> of(Continuation running, String method) {
        if (running instanceof TaskImpl) {
            return (TaskImpl<?>) running;
        }
        throw Continuation.notInCoroutine(method);
    }

    /** {@code task} as a task of {@code loop}; anything else is refused. */
    public static <T> TaskImpl<T> of(Task<T> task, LoopCore loop) {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof TaskImpl)) {
            throw new IllegalArgumentException("not a coro4j task: " + task.getClass().getName());
        }
        TaskImpl<T> t = (TaskImpl<T>) task;
        if (t.loop != loop) {
            throw new IllegalStateException("task '" + t.name() + "' belongs to the event loop of thread \""
                    + t.loop.thread().getName() + "\", not to this one (\"" + Thread.currentThread().getName()
                    + "\"): a task is used only on its loop's thread");
        }
        return t;
    }

    public LoopCore loop() {
        return loop;
    }

    // ------------------------------------------------------------------------------------------------
    // The step
    // ------------------------------------------------------------------------------------------------

    /**
     * One step (asyncio's {@code __step}): runs the body until it suspends or ends. Only the loop calls
     * it, for the step {@link #scheduleStep} queued.
     */
    @Override
    public void run() {
        int s = state;
        if (!isStepScheduled(s) || !isPending(s)) {
            return;
        }
        Throwable delivered = null;
        if (mustCancel(s)) {
            delivered = new CancellationException(takeCancelMessage());
        }
        state = (s & ~(STEP_SCHEDULED | MUST_CANCEL | CANCEL_WOKE)) | RUNNING | STARTED;
        Carrier carrier = loop.carrier();
        Continuation previous = carrier.switchTo(this);
        Object value = null;
        Throwable failure = null;
        boolean suspended = false;
        try {
            if (isStarted(s)) {
                prepareResume(null, delivered);
            } else if (delivered != null) {
                throw delivered; // cancelled before its first step: the body never starts
            }
            value = callBody(s);
            int outermost = outermostSavedSite();
            if (outermost >= 0 && !BodyCheck.remembered(body, outermost, hasRunnableBody(s))) {
                checkBody(outermost, hasRunnableBody(s));
            }
            suspended = endStepSuspended();
        } catch (Throwable e) {
            failure = endStepFailed(e);
        } finally {
            carrier.switchTo(previous);
            state &= ~RUNNING;
        }

        if (failure != null) {
            complete(failure instanceof CancellationException ? CANCELLED : FAILED, failure);
            if (failure instanceof VirtualMachineError) {
                throw (VirtualMachineError) failure; // the task failed with it, and the loop stops with it
            }
        } else if (!suspended) {
            if (mustCancel(state)) {
                // cancelled during its last step (asyncio: "cancelled right before coro stops")
                complete(CANCELLED, new CancellationException(takeCancelMessage()));
            } else {
                complete(SUCCEEDED, value);
            }
        } else if (mustCancel(state) && !isStepScheduled(state)) {
            cancelWaiting(); // cancelled during this step: now that it waits, cancel what it waits on
        }
    }

    /**
     * Calls the body for one step, this task's continuation running. Marked {@link CallsBody}, so the agent
     * leaves it as it is: the call is not one from a plain method to a coroutine method, which rewritten
     * code would refuse to let suspend. Its frame is where a walk of the
     * running task's stack stops: the frame just above it is the body's.
     */
    @CallsBody
    private Object callBody(int s) throws Exception {
        if (hasRunnableBody(s)) {
            ((AsyncRunnable) body).run();
            return null;
        }
        return ((AsyncCallable<?>) body).call();
    }

    /** The name of {@link #callBody}, where a walk of a running task's stack stops. */
    static final String CALL_BODY = "callBody";

    /**
     * The body check ({@link BodyCheck}) of a body that returned suspended with its outermost frame at
     * frame site {@code outermost}, when that pair is not remembered as passed: out of the step's hot path.
     */
    private void checkBody(int outermost, boolean runnable) {
        String key = outermostSavedKey();
        if (!BodyCheck.passes(body, outermost, key, runnable)) {
            throw lost(LostSuspension.Kind.BODY_NOT_SAVED, bodyName(), key, null, null);
        }
    }

    /** The body as errors name it: the coroutine it runs, else its class. */
    private String bodyName() {
        String name = Lambdas.coroutineName(body);
        return name != null ? name : body.getClass().getName();
    }

    private void scheduleStep() {
        if (!isStepScheduled(state)) {
            state |= STEP_SCHEDULED;
            loop.callSoon(this);
        }
    }

    /** Wakes the task if it waits on {@code token}: its next step is queued. Stale tokens are ignored. */
    void wake(Object token) {
        if (token != null && token == waitingOn && isPending(state)) { // done: the field holds the result
            waitingOn = null;
            scheduleStep();
        }
    }

    /** Whether the task waits on {@code token} now. */
    boolean isWaitingOn(Object token) {
        return waitingOn == token && isPending(state);
    }

    /**
     * The running task is about to suspend until {@code token} wakes it. The loop does not hold the task
     * while it waits so: its registry does, weakly, from now until the task is done.
     */
    void waitOn(Object token) {
        assert waitingOn == null && isRunning(state) : "waitOn outside the task's own step";
        waitingOn = token;
        loop.tasks().link(extra());
    }

    /** The task's reusable {@link Waiter}, made at its first wait that uses one. */
    Waiter waiter() {
        Extra x = extra();
        Waiter w = x.waiter;
        if (w == null) {
            w = new Waiter(this);
            x.waiter = w;
        }
        return w;
    }

    /**
     * The running task is about to suspend for {@code delay} ({@code Coro.sleep}): a positive delay
     * puts the task in the timer queue, whence it wakes; zero or negative queues its next step behind the
     * ready callbacks (asyncio's {@code sleep(0)}). Decided here, so that the suspending frame saves
     * nothing but its argument.
     */
    public void arrangeWakeUpAfter(Duration delay) {
        long nanos = LoopCore.toNanos(delay);
        if (nanos <= 0) {
            scheduleStep();
        } else {
            assert waitingOn == null && isRunning(state) : "sleep outside the task's own step";
            loop.sleep(this, loop.deadlineAfter(nanos));
            waitingOn = this;
        }
    }

    /** As a {@link Sleeper}: its slot in the timer queue. */
    @Override
    public int timerSlot() {
        return state >>> SLOT_SHIFT;
    }

    /** As a {@link Sleeper}: set by the timer queue only. */
    @Override
    public void timerSlot(int slot) {
        assert slot >= 0 && slot <= MAX_SLOT : "slot " + slot;
        state = (state & FLAGS) | slot << SLOT_SHIFT;
    }

    /** As a {@link Sleeper}: its sequence number in the timer queue. */
    @Override
    public int timerSeq() {
        return timerSeq;
    }

    /** As a {@link Sleeper}: set by the timer queue only. */
    @Override
    public void timerSeq(int seq) {
        timerSeq = seq;
    }

    /** As a {@link Sleeper}: the sleep's deadline passed. Stale (ignored) if a cancel ended it first. */
    @Override
    public void sleepOver() {
        wake(this);
    }

    /** The running task waits for {@code other} to finish; it then suspends. */
    void waitForTask(TaskImpl<?> other) {
        if (other == this) {
            throw new IllegalStateException(name() + " cannot wait for itself");
        }
        waitOn(other);
        other.addListener(this);
    }

    /** As a listener of a task this one joins: that task is done. */
    @Override
    public void taskDone(TaskImpl<?> task) {
        wake(task);
    }

    private void complete(int outcome, Object value) {
        state = (state & (STARTED | RUNNABLE_BODY | NAMED | ~FLAGS)) | outcome;
        waitingOn = value;
        if (Flight.recording) {
            Flight.taskFinished(this, outcome == FAILED ? (Throwable) value : null, outcome == CANCELLED);
        }
        Object ls = listeners();
        setListeners(null);
        Extra x = extraOrNull();
        if (x != null) {
            loop.tasks().remove(x);
            x.cancelMessage = null; // a cancel not delivered (asyncio keeps no message either)
        }
        if (outcome == FAILED) {
            extra().unretrieved = loop.unretrievedFailures().track(this, toString(), (Throwable) value);
        }
        if (ls instanceof DoneListener) {
            tell((DoneListener) ls);
        } else if (ls != null) {
            @SuppressWarnings("unchecked")
            List<DoneListener> list = (List<DoneListener>) ls;
            VirtualMachineError fatal = null;
            for (DoneListener l : list) {
                try {
                    tell(l);
                } catch (VirtualMachineError e) {
                    fatal = fatal == null ? e : fatal; // the others are told first
                }
            }
            if (fatal != null) {
                throw fatal;
            }
        }
    }

    /**
     * Tells one listener that the task is done. One that throws goes to the loop's exception handler (a
     * listener only schedules, so it is a bug of the runtime's, or a closed loop) and does not keep the
     * next from being told.
     */
    private void tell(DoneListener listener) {
        try {
            listener.taskDone(this);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            loop.callExceptionHandler(ExceptionContext.of("Exception in a done listener of " + name(), e)
                    .with(ExceptionContext.TASK, this).with(ExceptionContext.CALLBACK, listener));
        }
    }

    /** Removes the first registration of {@code listener}, if any (asyncio's remove_done_callback). */
    void removeListener(DoneListener listener) {
        Object ls = listeners();
        if (ls == listener) {
            setListeners(null);
        } else if (ls instanceof ArrayList) {
            ((ArrayList<?>) ls).remove(listener);
        }
    }

    void addListener(DoneListener listener) {
        if (done()) {
            listener.taskDone(this);
            return;
        }
        Object ls = listeners();
        if (ls == null) {
            setListeners(listener);
        } else if (ls instanceof ArrayList) {
            @SuppressWarnings("unchecked")
            ArrayList<DoneListener> list = (ArrayList<DoneListener>) ls;
            list.add(listener);
        } else {
            ArrayList<DoneListener> list = new ArrayList<>(4);
            list.add((DoneListener) ls);
            list.add(listener);
            setListeners(list);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Cancellation
    // ------------------------------------------------------------------------------------------------

    @Override
    public boolean cancel() {
        checkLoopThread("cancel");
        return cancel(null);
    }

    @Override
    public boolean cancel(String message) {
        checkLoopThread("cancel");
        if (done()) {
            return false;
        }
        Extra x = extra();
        if (x.cancels != MAX_CANCELS) {
            x.cancels++;
        }
        // set while a cancel is being offered to what the task waits on: a cycle of joins comes back here
        boolean reentered = mustCancel(state) && !isRunning(state) && !isStepScheduled(state);
        state |= MUST_CANCEL;
        x.cancelMessage = message;
        if (!reentered && !isRunning(state) && !isStepScheduled(state)) {
            cancelWaiting();
        }
        return true;
    }

    /** MUST_CANCEL is set and the task waits: offer the cancel to what it waits on, or wake it now. */
    private void cancelWaiting() {
        Object waited = waitingOn;
        if (waited == this) {
            loop.cancelSleep(this); // a sleep lets go at once: the task wakes now
        } else if (waited instanceof Waitable && ((Waitable) waited).cancelWaiter(cancelMessage())) {
            state &= ~MUST_CANCEL; // the waited thing ends (cancelled, most likely) and wakes the task
            takeCancelMessage();
            return;
        }
        waitingOn = null;
        state |= CANCEL_WOKE;
        scheduleStep();
    }

    @Override
    public int cancelling() {
        checkReadable("cancelling");
        return cancelCount();
    }

    /**
     * asyncio 3.13's {@code uncancel}: one cancel request less; at zero, a cancel not yet delivered is
     * dropped (one that already woke the task from its wait is not: see {@link #CANCEL_WOKE}).
     */
    @Override
    public int uncancel() {
        checkLoopThread("uncancel");
        Extra x = extraOrNull();
        if (x != null && x.cancels > 0) {
            x.cancels--;
            if (x.cancels == 0 && mustCancel(state) && !cancelWoke(state)) {
                state &= ~MUST_CANCEL;
                x.cancelMessage = null;
            }
        }
        return cancelCount();
    }

    /** As the task another one joins: the joining task is cancelled, so this one is (asyncio's rule). */
    @Override
    public boolean cancelWaiter(String message) {
        return cancel(message);
    }

    // ------------------------------------------------------------------------------------------------
    // Outcome
    // ------------------------------------------------------------------------------------------------

    @Override
    public boolean isDone() {
        checkReadable("isDone");
        return done();
    }

    /** {@link #isDone()} for the runtime, which calls it on the loop thread (no thread check). */
    boolean done() { return !isPending(state); }

    @Override
    public boolean isCancelled() {
        checkReadable("isCancelled");
        return isCancelled(state);
    }

    @Async
    @Override
    @Leaf // every await of a task: written to the protocol by hand, so that it saves no frame
    public T join() {
        Continuation c = Continuation.enter("io.coro4j.Task.join");
        if (c.mode == Continuation.RESTORING) {
            c.finishRestore(); // woken when this task is done; a cancel of the caller is thrown here
            return outcome(); // the receiver is the saved one: the caller re-invokes join on it
        }
        if (!done()) {
            TaskImpl<?> me = of(c, "io.coro4j.Task.join");
            of(this, me.loop);
            me.waitForTask(this); // a cancel of me is passed on to this task
            c.beginCapture(JOIN);
            return null;
        }
        return outcome();
    }

    private static final LeafPoint JOIN = new LeafPoint("join()Ljava/lang/Object;");

    @Override
    public T result() {
        checkReadable("result");
        if (!done()) {
            throw new IllegalStateException("the result of " + name() + " is not set yet: the task is"
                    + " not done");
        }
        return outcome();
    }

    @Override
    public Throwable exception() {
        checkReadable("exception");
        int outcome = state & OUTCOME;
        if (outcome == PENDING) {
            throw new IllegalStateException("the exception of " + name() + " is not set yet: the task"
                    + " is not done");
        }
        if (outcome == CANCELLED) {
            throw cancellationError();
        }
        if (outcome == FAILED) {
            markRetrieved();
            return (Throwable) outcomeValue();
        }
        return null;
    }

    /** The outcome of a done task, by the rules of {@link Task}. */
    @SuppressWarnings("unchecked")
    T outcome() {
        switch (state & OUTCOME) {
            case SUCCEEDED:
                return (T) outcomeValue();
            case FAILED:
                markRetrieved();
                throw Outcomes.propagate((Throwable) outcomeValue());
            case CANCELLED:
                throw cancellationError();
            default:
                throw new IllegalStateException(name() + " is not done");
        }
    }

    /** The exception of a task that failed, else null; it counts as retrieved. */
    Throwable failure() {
        if (isFailed(state)) {
            markRetrieved();
            return (Throwable) outcomeValue();
        }
        return null;
    }

    /**
     * The exception of this failed task was handed to someone (asyncio clears {@code __log_traceback}):
     * it will not be reported as never retrieved.
     */
    void markRetrieved() {
        Extra x = extraOrNull();
        UnretrievedFailures.Report report = x == null ? null : x.unretrieved;
        if (report != null) {
            x.unretrieved = null;
            report.retrieved();
        }
    }

    /**
     * A new {@code CancellationException} with the cancel message, caused by the one the task ended with
     * (asyncio's {@code _make_cancelled_error}): it points at the caller, its cause at the task.
     */
    CancellationException cancellationError() {
        CancellationException ended = (CancellationException) outcomeValue();
        CancellationException e = new CancellationException(ended.getMessage());
        e.initCause(ended);
        return e;
    }

    @Override
    public void addDoneCallback(Consumer<? super Task<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        checkLoopThread("addDoneCallback");
        addListener(new UserCallback<>(this, callback));
    }

    /** The user's error for a suspension that met a frame that could not save itself. */
    @Override
    protected IllegalStateException lostSuspension(LostSuspension lost) {
        return SuspensionDiagnosis.of(lost, body);
    }

    // ------------------------------------------------------------------------------------------------
    // The thread contract
    // ------------------------------------------------------------------------------------------------

    /**
     * A change of the task: on its loop's thread only. A field compare on the way through (the thread is
     * an intrinsic); the message is built only when it fails.
     */
    private void checkLoopThread(String method) {
        if (Thread.currentThread() != loop.thread()) {
            throw wrongThread(method, false);
        }
    }

    /**
     * A read of the task: on its loop's thread, or on any thread once the loop has closed (the close, a
     * volatile write after the task's last change, happens-before the read of {@code isClosed}).
     */
    private void checkReadable(String method) {
        if (Thread.currentThread() != loop.thread() && !loop.isClosed()) {
            throw wrongThread(method, true);
        }
    }

    private IllegalStateException wrongThread(String method, boolean read) {
        return new IllegalStateException("Task." + method + "() was called on thread \""
                + Thread.currentThread().getName() + "\", but task '" + name() + "' belongs to the event loop"
                + " of thread \"" + loop.thread().getName() + "\": a task is used only on its loop's thread."
                + " From another thread, post the call to the loop (loop.callSoonThreadsafe(() -> ...), or"
                + " loop.submit(() -> ...) for a coroutine), or wait for the task through a future (the one"
                + " loop.submit returns, or Coro.toFuture(task) made on the loop)"
                + (read ? "; once the loop has closed, its tasks can be read from any thread" : ""));
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection
    // ------------------------------------------------------------------------------------------------

    @Override
    public String getName() {
        checkReadable("getName");
        return name();
    }

    /** {@link #getName()} without the thread check: for messages, which any thread may build. */
    String name() {
        Extra x = extraOrNull();
        String name = x != null ? x.name : null;
        return name != null ? name : "Task-" + number;
    }

    @Override
    public void setName(String name) {
        Objects.requireNonNull(name, "name");
        checkLoopThread("setName");
        extra().name = name;
    }

    @Override
    public Object getCoro() {
        checkReadable("getCoro");
        return new Coroutine(body);
    }

    @Override
    public List<StackTraceElement> getStack() {
        checkReadable("getStack");
        return TaskIntrospection.stack(this);
    }

    /** See {@link StackPrinter} for the format. Does not count as retrieving a failed task's exception. */
    @Override
    public void printStack(PrintStream out) {
        Objects.requireNonNull(out, "out");
        checkReadable("printStack");
        StackPrinter.print(out, toString(), getStack(), isFailed(state) ? (Throwable) outcomeValue() : null);
    }

    /** As what another task waits on (it joins this one). */
    @Override
    public String describe() {
        return "task '" + name() + "'";
    }

    /**
     * On the loop's thread (or once the loop has closed), asyncio's repr ({@link TaskIntrospection#repr});
     * from another thread while the loop runs, only what never changes under it:
     * {@code <Task name='worker' coro=<Main.work()>>}.
     */
    @Override
    public String toString() {
        if (Thread.currentThread() != loop.thread() && !loop.isClosed()) {
            return "<Task name='" + name() + "' coro=<" + CoroutineNames.of(body) + "()>>";
        }
        return TaskIntrospection.repr(this);
    }

    // ------------------------------------------------------------------------------------------------

    /** What {@link #getCoro()} returns: names the coroutine method in its {@code toString()}. */
    private record Coroutine(Object body) {
        @Override
        public String toString() {
            return CoroutineNames.of(body);
        }
    }

    /**
     * The task's entry in its loop's registry, linked while it waits on something the loop does not
     * hold, and the fields few tasks set: they cost a task nothing until then.
     */
    private static final class Extra extends WeakRegistry.Entry<Task<?>> {
        /** The done listeners, as {@link TaskImpl#extra} holds them when there is no {@code Extra}. */
        Object listeners;
        /** The given name, or null for {@code Task-number}. */
        String name;
        /** Named at creation: its loop ordinal, which orders it among the tasks holding the same number. */
        int ordinal;
        /** Failed: its exception until someone retrieves it (then null); reported if nobody ever does. */
        UnretrievedFailures.Report unretrieved;
        /** The task's reusable {@link Waiter}, made at its first wait that uses one. */
        Waiter waiter;
        /** asyncio's {@code cancelling()}: the cancels requested and not withdrawn (see {@link #cancel}). */
        int cancels;
        /** While a cancel is pending ({@link #MUST_CANCEL}), its message. */
        String cancelMessage;

        Extra(TaskImpl<?> task) {
            super(task);
        }
    }
}
