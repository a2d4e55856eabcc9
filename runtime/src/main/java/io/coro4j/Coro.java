package io.coro4j;

import io.coro4j.internal.attach.AgentInstaller;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.BlockingCalls;
import io.coro4j.internal.task.FutureBridge;
import io.coro4j.internal.task.CompletionQueue;
import io.coro4j.internal.task.CompletionWait;
import io.coro4j.internal.task.Gather;
import io.coro4j.internal.task.LoopFacade;
import io.coro4j.internal.task.Runner;
import io.coro4j.internal.task.ShieldedJoin;
import io.coro4j.internal.task.StageWaiter;
import io.coro4j.internal.task.TaskDump;
import io.coro4j.internal.task.TaskImpl;
import io.coro4j.internal.task.TaskIntrospection;
import io.coro4j.internal.task.WaitFor;
import io.coro4j.protocol.Carrier;
import io.coro4j.protocol.Continuation;
import io.coro4j.protocol.Leaf;
import io.coro4j.protocol.LeafPoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The static facade: asyncio's module functions. Each member names the asyncio function it mirrors;
 * where this class is silent, it does what asyncio does.
 *
 * <p>Results and failures follow one rule (see {@link Task}): a {@code RuntimeException} or
 * {@code Error} arrives as it was thrown; a checked exception arrives wrapped in a
 * {@link java.util.concurrent.CompletionException} whose cause is the original.
 */
public final class Coro {
    private Coro() {}

    /**
     * Installs the coro4j agent into the running JVM, for programs that cannot add
     * {@code -javaagent:coro4j-agent.jar} to their command line: it attaches the agent (through
     * byte-buddy-agent, which coro4j-agent.jar carries) and rewrites the classes already loaded that hold
     * coroutine methods; classes loaded later are rewritten as they load. Call it first thing in
     * {@code main}, before any coroutine runs: a coroutine method already running when the agent arrives
     * goes on in its old code and cannot suspend (the agent logs a warning naming it).
     *
     * <p>Idempotent, and a no-op when the agent is already installed (with {@code -javaagent} or an
     * executable jar's {@code Launcher-Agent-Class}). {@code coro4j-agent.jar} must be on the class path.
     * On JDK 21 and later the JVM prints a warning about a dynamically loaded agent unless it was started
     * with {@code -XX:+EnableDynamicAgentLoading}; {@code -javaagent} and {@code Launcher-Agent-Class} are
     * the ways to load the agent without that warning.
     *
     * @throws IllegalStateException when coro4j-agent.jar is not on the class path, or the JVM cannot be
     *     attached to
     */
    public static void install() {
        AgentInstaller.install();
    }

    /**
     * Runs {@code main} as a task on a new event loop on the calling thread (asyncio.run); when it is
     * done, cancels every task still pending and lets them finish, closes the loop, and returns main's
     * result or rethrows its exception.
     *
     * @throws IllegalStateException when an event loop already runs on this thread
     */
    public static <T> T run(AsyncCallable<T> main) {
        return Runner.run(Objects.requireNonNull(main, "main"));
    }

    /** {@link #run(AsyncCallable)} for a body without a result. */
    public static void run(AsyncRunnable main) {
        Runner.run(Objects.requireNonNull(main, "main"));
    }

    /**
     * {@link #run(AsyncCallable)}, with the loop in debug mode when {@code debug} is true (asyncio's
     * {@code asyncio.run(main, debug=True)}): every task step or callback that holds the loop longer than
     * the slow-callback threshold (100 ms, {@code -Dcoro4j.slowCallbackMillis}) is logged at
     * {@code WARNING} on the {@code io.coro4j.loop} logger, with the task and where it now waits. False
     * leaves the default of {@code -Dcoro4j.debug}.
     */
    public static <T> T run(AsyncCallable<T> main, boolean debug) {
        return Runner.run(Objects.requireNonNull(main, "main"), debug);
    }

    /** {@link #run(AsyncCallable, boolean)} for a body without a result. */
    public static void run(AsyncRunnable main, boolean debug) {
        Runner.run(Objects.requireNonNull(main, "main"), debug);
    }

    /**
     * Schedules {@code body} as a new task of the running loop (asyncio.create_task): it first runs at the
     * loop's next turn, after the callbacks already ready. Named {@code Task-N}.
     *
     * @throws IllegalStateException when no event loop runs on this thread
     */
    public static <T> Task<T> createTask(AsyncCallable<T> body) {
        return TaskImpl.start(runningLoop(), Objects.requireNonNull(body, "body"), null);
    }

    /** {@link #createTask(AsyncCallable)} with a name (which takes no {@code Task-N} number). */
    public static <T> Task<T> createTask(AsyncCallable<T> body, String name) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(name, "name");
        return TaskImpl.start(runningLoop(), body, name);
    }

    /** {@link #createTask(AsyncCallable)} for a body without a result. */
    public static Task<Void> createTask(AsyncRunnable body) {
        return TaskImpl.start(runningLoop(), Objects.requireNonNull(body, "body"), null);
    }

    /** {@link #createTask(AsyncCallable, String)} for a body without a result. */
    public static Task<Void> createTask(AsyncRunnable body, String name) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(name, "name");
        return TaskImpl.start(runningLoop(), body, name);
    }

    /**
     * The task running now (asyncio.current_task); {@code null} inside a plain loop callback.
     *
     * @throws IllegalStateException when no event loop runs on this thread
     */
    public static Task<?> currentTask() {
        Carrier carrier = Carrier.get();
        if (!(carrier.loop() instanceof LoopCore)) {
            throw noRunningLoop("Coro.currentTask()");
        }
        Object running = carrier.running();
        return running instanceof TaskImpl ? (TaskImpl<?>) running : null;
    }

    /**
     * A new set of the running loop's tasks that are not done, the current one included, in the order
     * they were created (asyncio.all_tasks).
     *
     * @throws IllegalStateException when no event loop runs on this thread
     */
    public static Set<Task<?>> allTasks() {
        return new LinkedHashSet<>(TaskIntrospection.pending(runningLoop("Coro.allTasks()")));
    }

    /**
     * The task dump of the running loop: every pending task, in the order they were made, with its repr,
     * its state (running, scheduled, or what it waits on) and its suspended stack innermost first:
     *
     * <pre>
     * Task dump of the event loop of thread "main": 2 pending tasks, 0 callbacks ready, 1 timer
     *
     * &lt;Task pending name='Task-1' coro=&lt;Main.main() running at Main.java:30&gt;&gt;
     *    state: waiting on task 'fetcher'
     * 	at io.coro4j.internal.task.TaskImpl.join(TaskImpl.java:380)
     * 	at Main.main(Main.java:30)
     *
     * &lt;Task pending name='fetcher' coro=&lt;Main.fetch() running at Main.java:12&gt;&gt;
     *    state: waiting on sleep, 4.997 s left
     * 	at io.coro4j.Coro.sleep(Coro.java:141)
     * 	at Main.fetch(Main.java:12)
     * </pre>
     *
     * What a task may wait on: {@code sleep, N s left}; {@code task 'name'} (join, waitFor); {@code gather
     * of 'a', 'b' (1 done)}; {@code CompletionStage ...} (await); {@code Lock.acquire}, {@code Queue.get}
     * and the like. From another thread, or from outside the process, take the dump with
     * {@link io.coro4j.EventLoop#dumpTasks()} or the JMX operation {@code dumpTasks} of
     * {@code io.coro4j:type=EventLoop,name=<thread name>}.
     *
     * @throws IllegalStateException when no event loop runs on this thread
     */
    public static String dumpTasks() {
        return TaskDump.of(runningLoop("Coro.dumpTasks()"));
    }

    /**
     * Suspends the calling task for {@code delay} (asyncio.sleep). A positive delay always suspends; zero
     * or a negative delay yields once: the task goes to the end of the ready queue, after the tasks and
     * callbacks already ready.
     */
    @Async
    @Leaf // the yield of every loop: written to the protocol by hand, so that it saves no frame
    public static void sleep(Duration delay) {
        Continuation c = Continuation.enter("io.coro4j.Coro.sleep");
        if (c.mode == Continuation.RESTORING) {
            c.finishRestore(); // a cancel removes the timer and throws CancellationException here
            return;
        }
        Objects.requireNonNull(delay, "delay");
        TaskImpl.of(c, "io.coro4j.Coro.sleep").arrangeWakeUpAfter(delay);
        c.beginCapture(SLEEP);
    }

    private static final LeafPoint SLEEP = new LeafPoint("sleep(Ljava/time/Duration;)V");

    /**
     * Waits for all {@code tasks} and returns their results in argument order (asyncio.gather with
     * {@code return_exceptions=False}). The first failure is rethrown as soon as it is known; the other
     * tasks are not cancelled and run on. If the calling task is cancelled, the tasks are cancelled.
     */
    @SafeVarargs
    @Async
    public static <T> List<T> gather(Task<? extends T>... tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return Gather.<T>begin(TaskImpl.current("io.coro4j.Coro.gather"), tasks).await();
    }

    /** {@link #gather(Task[])} over a collection, in its iteration order. */
    @Async
    public static <T> List<T> gather(Collection<? extends Task<? extends T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return Gather.<T>begin(TaskImpl.current("io.coro4j.Coro.gather"), tasks.toArray(new Task<?>[0])).await();
    }

    /**
     * Waits for {@code task} at most {@code timeout} (asyncio.wait_for). When the timeout passes, the task
     * is cancelled and waited for: if it ended cancelled, {@link TimeoutException}; if it swallowed the
     * cancellation and returned, its value. A {@code null} timeout waits forever; zero or negative means
     * the task's result if it is done, else cancel, wait, and {@code TimeoutException}. If the calling
     * task is cancelled meanwhile, the task is cancelled, waited for, and the cancellation rethrown.
     */
    @Async
    public static <T> T waitFor(Task<T> task, Duration timeout) throws TimeoutException {
        Objects.requireNonNull(task, "task");
        TaskImpl<?> me = TaskImpl.current("io.coro4j.Coro.waitFor");
        TaskImpl<T> target = TaskImpl.of(task, me.loop());
        if (target.isDone()) {
            return target.result();
        }
        if (timeout == null) {
            return target.join();
        }
        return WaitFor.begin(me, target, timeout, LoopCore.toNanos(timeout)).await();
    }

    /**
     * Suspends the calling task until {@code stage} completes, on any thread, and returns its value or
     * rethrows its failure, unwrapped from {@link java.util.concurrent.CompletionException}. Completion
     * only schedules the task (it resumes on the loop thread at a later turn), never resumes it inside
     * {@code complete()}. A stage already complete returns at once without suspending. If the calling
     * task is cancelled, it stops waiting at once, and a stage that is a
     * {@link java.util.concurrent.Future} is cancelled.
     */
    @Async
    public static <T> T await(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        // fast path for a plain CompletableFuture only: its subclass MinimalStage (completedStage())
        // refuses isDone(); the general path below also returns at once for a completed stage
        if (stage.getClass() == CompletableFuture.class && ((CompletableFuture<T>) stage).isDone()) {
            return StageWaiter.now((CompletableFuture<T>) stage);
        }
        return StageWaiter.begin(TaskImpl.current("io.coro4j.Coro.await"), stage).await();
    }

    /**
     * The event loop running on this thread (asyncio's {@code asyncio.get_running_loop()}): the same object
     * for the whole life of the loop. Hand it to other threads to reach the loop with
     * {@link io.coro4j.EventLoop#callSoonThreadsafe} or {@link io.coro4j.EventLoop#submit}.
     *
     * @throws IllegalStateException when no event loop runs on this thread
     */
    public static io.coro4j.EventLoop getRunningLoop() {
        return LoopFacade.of(runningLoop("Coro.getRunningLoop()"));
    }

    /**
     * Runs the blocking {@code call} on a thread of the default pool and waits for it without blocking the
     * loop (asyncio's {@code asyncio.to_thread}): returns its result, or throws its exception by the rules
     * of {@link Task}. The pool is asyncio's default executor, of {@code min(32, processors + 4)} daemon
     * threads. If the calling task is cancelled, it stops waiting at once and a call not started yet never
     * starts; a call already running goes on, its result dropped.
     */
    @Async
    public static <T> T toThread(Callable<T> call) {
        Objects.requireNonNull(call, "call");
        TaskImpl.current("io.coro4j.Coro.toThread");
        return await(BlockingCalls.run(null, call));
    }

    /**
     * A {@link CompletableFuture} of {@code task}'s outcome, for code that is not a coroutine (the other
     * direction of asyncio's {@code asyncio.wrap_future}): it completes, on the loop thread at the turn
     * after the task is done, with the task's result, its exception as it was thrown, or a
     * {@link java.util.concurrent.CancellationException} carrying the cancel message. Cancelling the
     * future, from any thread, cancels the task. If the loop closes before the task is done, the future
     * fails with an {@link IllegalStateException} saying "the event loop was closed".
     *
     * @throws IllegalStateException when {@code task} belongs to the loop of another thread, or no loop
     *     runs on this one
     */
    public static <T> CompletableFuture<T> toFuture(Task<T> task) {
        Objects.requireNonNull(task, "task");
        return FutureBridge.of(TaskImpl.of(task, runningLoop("Coro.toFuture()")));
    }

    /**
     * A task of the running loop that awaits {@code stage} (asyncio's {@code asyncio.wrap_future} and
     * {@code ensure_future}): it ends with the stage's value or failure, by the rules of {@link #await};
     * cancelling the task cancels a stage that is a {@link java.util.concurrent.Future}. So a
     * {@code CompletionStage} can go wherever a task goes ({@code gather}, {@code waitFor}).
     *
     * @throws IllegalStateException when no event loop runs on this thread
     */
    public static <T> Task<T> wrapFuture(CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        return TaskImpl.start(runningLoop("Coro.wrapFuture()"), () -> await(stage), null);
    }

    /**
     * Waits for all {@code tasks} and returns how each ended, in argument order (asyncio.gather with
     * {@code return_exceptions=True}): a task that fails or is cancelled does not end the wait, it
     * becomes an {@link Outcome} with its exception (a {@code CancellationException} for a cancelled
     * task). If the calling task is cancelled, the tasks are cancelled, and once they have all ended the
     * cancellation is rethrown (asyncio does the same whatever {@code return_exceptions} says).
     */
    @SafeVarargs
    @Async
    public static <T> List<Outcome<T>> gatherSettled(Task<? extends T>... tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return Gather.<T>beginSettled(TaskImpl.current("io.coro4j.Coro.gatherSettled"), tasks).await();
    }

    /** {@link #gatherSettled(Task[])} over a collection, in its iteration order. */
    @Async
    public static <T> List<Outcome<T>> gatherSettled(Collection<? extends Task<? extends T>> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        return Gather.<T>beginSettled(TaskImpl.current("io.coro4j.Coro.gatherSettled"),
                tasks.toArray(new Task<?>[0])).await();
    }

    /**
     * Waits until {@code returnWhen} holds for {@code tasks} or {@code timeout} passes, and returns the
     * tasks done and those still pending (asyncio.wait). It never cancels a task, not even on timeout,
     * and throws no timeout: on timeout the pending set is simply not empty. It always suspends at least
     * until the next turn, even when tasks are done already. Duplicates count once. A {@code null}
     * timeout waits without a deadline; zero or negative returns at the next turns. If the calling task
     * is cancelled, it stops waiting (the tasks run on) and the {@code CancellationException} is thrown.
     *
     * @throws IllegalArgumentException when {@code tasks} is empty (asyncio's {@code ValueError})
     */
    @Async
    public static <T extends Task<?>> WaitResult<T> wait(Collection<? extends T> tasks, ReturnWhen returnWhen,
            Duration timeout) {
        List<T> distinct = distinctTasks(tasks, "tasks");
        Objects.requireNonNull(returnWhen, "returnWhen");
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("tasks is empty: nothing to wait for");
        }
        return CompletionWait.begin(TaskImpl.current("io.coro4j.Coro.wait"), distinct, returnWhen, timeout).await();
    }

    /** {@link #wait(Collection, ReturnWhen, Duration)} without a timeout. */
    @Async
    public static <T extends Task<?>> WaitResult<T> wait(Collection<? extends T> tasks, ReturnWhen returnWhen) {
        return wait(tasks, returnWhen, null);
    }

    /**
     * The {@code tasks} in the order they finish (asyncio.as_completed): see {@link AsCompleted}. One
     * deadline, {@code timeout} from now, covers the whole iteration ({@code null}: none; zero or
     * negative: it passes at the next turn); when it passes, {@code next()} throws
     * {@link TimeoutException} for each task not yet handed out, and no task is cancelled. Duplicates
     * count once; an empty collection gives an iteration with nothing in it.
     *
     * @throws IllegalStateException when no event loop runs on this thread
     */
    public static <T extends Task<?>> AsCompleted<T> asCompleted(Collection<? extends T> tasks, Duration timeout) {
        List<T> distinct = distinctTasks(tasks, "tasks");
        return new AsCompleted<>(CompletionQueue.start(runningLoop("Coro.asCompleted()"), distinct, timeout));
    }

    /** {@link #asCompleted(Collection, Duration)} without a deadline. */
    public static <T extends Task<?>> AsCompleted<T> asCompleted(Collection<? extends T> tasks) {
        return asCompleted(tasks, null);
    }

    /**
     * Waits for {@code task} and returns its result, but a cancel of the calling task is not passed on
     * to it (asyncio's {@code await shield(task)}): the caller stops waiting at once with the
     * {@code CancellationException} and the task runs on. A task cancelled by someone else still ends
     * the wait with a {@code CancellationException}. A done task's outcome comes without suspending.
     *
     * <p>asyncio's {@code shield} returns a new future that can be passed around; in Java the call is the
     * await, as {@code await shield(...)} is how asyncio's is used. To keep a shielded wait as a task,
     * make one: {@code Coro.createTask(() -> Coro.shield(task))}.
     */
    @Async
    public static <T> T shield(Task<T> task) {
        Objects.requireNonNull(task, "task");
        TaskImpl<?> me = TaskImpl.current("io.coro4j.Coro.shield");
        TaskImpl<T> inner = TaskImpl.of(task, me.loop());
        if (!inner.isDone()) {
            ShieldedJoin.begin(me, inner).await(); // woken the turn after the task is done; a cancel lets go at once
        }
        return inner.result();
    }

    /**
     * A timeout scope whose deadline is {@code delay} from now (asyncio.timeout), entered for the
     * calling task: see {@link Timeout}. {@code null}: no deadline until
     * {@link Timeout#reschedule(Duration)} sets one; zero or negative: expired already, the task is
     * cancelled at its next suspension.
     *
     * @throws IllegalStateException when no task runs on this thread
     */
    public static Timeout timeout(Duration delay) {
        TaskImpl<?> me = TaskImpl.current("io.coro4j.Coro.timeout");
        return Timeout.enter(me, delay == null ? null : me.loop().deadlineAfter(LoopCore.toNanos(delay)));
    }

    /**
     * {@link #timeout(Duration)} with an absolute deadline (asyncio.timeout_at): {@code when} is in the
     * loop's time, the nanoseconds of {@link Timeout#when()}; a deadline already past: expired at once.
     */
    public static Timeout timeoutAt(long when) {
        return Timeout.enter(TaskImpl.current("io.coro4j.Coro.timeoutAt"), when);
    }

    /**
     * Runs {@code body} in the calling task with a deadline {@code delay} from now and returns its result
     * ({@code async with asyncio.timeout(delay): return await body()}). When the deadline passes, the
     * task is cancelled where it is suspended; if the {@code CancellationException} comes out of the body,
     * it becomes a {@link TimeoutException} (caused by it) here, at the boundary, unless another cancel
     * of the task arrived too, which then goes on as a cancellation. A body that swallows the cancel and
     * returns gives its value. Other failures pass by the rule of {@link Task} (a checked exception
     * wrapped in {@link java.util.concurrent.CompletionException}). Nested timeouts each report their own.
     * {@code null}: no deadline; zero or negative: expired already.
     */
    @Async
    public static <T> T withTimeout(Duration delay, AsyncCallable<T> body) throws TimeoutException {
        Objects.requireNonNull(body, "body");
        return timeout(delay).call(body);
    }

    /** {@link #withTimeout(Duration, AsyncCallable)} for a body without a result. */
    @Async
    public static void withTimeout(Duration delay, AsyncRunnable body) throws TimeoutException {
        Objects.requireNonNull(body, "body");
        timeout(delay).run(body);
    }

    // ------------------------------------------------------------------------------------------------

    /** The tasks of {@code tasks} without duplicates, in their first order; null elements refused. */
    private static <T extends Task<?>> List<T> distinctTasks(Collection<? extends T> tasks, String what) {
        Objects.requireNonNull(tasks, what);
        Set<T> seen = new LinkedHashSet<>();
        int i = 0;
        for (T t : tasks) {
            seen.add(Objects.requireNonNull(t, what + "[" + i++ + "]"));
        }
        return new ArrayList<>(seen);
    }

    private static LoopCore runningLoop() {
        return runningLoop("Coro.createTask()");
    }

    private static LoopCore runningLoop(String method) {
        LoopCore loop = LoopCore.current();
        if (loop == null) {
            throw noRunningLoop(method);
        }
        return loop;
    }

    private static IllegalStateException noRunningLoop(String method) {
        return new IllegalStateException("no running event loop: " + method + " must be called inside"
                + " Coro.run(...), from a coroutine or a callback of the loop of this thread");
    }
}
