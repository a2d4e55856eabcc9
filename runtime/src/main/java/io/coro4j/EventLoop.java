package io.coro4j;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The event loop of one thread, as user code sees it (asyncio's {@code asyncio.AbstractEventLoop}, without
 * I/O): {@link Coro#getRunningLoop()} returns it. A FIFO queue of ready callbacks, timers ordered by time
 * then by the order they were set, and a thread-safe door for other threads.
 *
 * <p>{@link #callSoon}, {@link #callLater} and {@link #callAt} must be called on the loop's thread, as in
 * asyncio; they throw {@link IllegalStateException} elsewhere. {@link #callSoonThreadsafe}, {@link #submit},
 * {@link #runInExecutor}, {@link #time()}, {@link #isRunning()} and {@link #isClosed()} may be called from
 * any thread: they are how other threads talk to the loop. Callbacks never run inside the call that
 * scheduled them; one that throws is handed to the loop's {@link #setExceptionHandler exception handler}
 * (which logs it by default) and the loop goes on. A {@link VirtualMachineError} (out of memory, a stack
 * overflow) is not handled: it stops the loop and leaves {@code Coro.run}, as asyncio lets
 * {@code SystemExit} through; the callbacks it interrupted stay queued.
 *
 * <p>Everything bound to the loop belongs to its thread: its tasks ({@link Task} says which of their
 * methods other threads may call: none while the loop runs, but {@code toString()}), and the
 * synchronization primitives and queues of {@code io.coro4j.sync} used on it. From another thread, reach
 * them through {@link #callSoonThreadsafe} or {@link #submit}.
 */
public interface EventLoop {
    /**
     * The loop's time in nanoseconds (asyncio's {@code loop.time()}): monotonic, comparable only with
     * other values of this loop's time; what {@link #callAt} takes.
     */
    long time();

    /**
     * Runs {@code callback} at the next turn, after the callbacks already ready (asyncio's
     * {@code loop.call_soon}).
     *
     * @throws IllegalStateException off the loop's thread, or when the loop is closed
     */
    Handle callSoon(Runnable callback);

    /**
     * Runs {@code callback} once {@code delay} has passed (asyncio's {@code loop.call_later}); zero or
     * negative: at the next turn that runs timers. Timers with the same due time run in the order they
     * were set.
     *
     * @throws IllegalStateException off the loop's thread, or when the loop is closed
     */
    TimerHandle callLater(Duration delay, Runnable callback);

    /**
     * Runs {@code callback} when {@link #time()} reaches {@code when} (asyncio's {@code loop.call_at}).
     *
     * @throws IllegalStateException off the loop's thread, or when the loop is closed
     */
    TimerHandle callAt(long when, Runnable callback);

    /**
     * Runs {@code callback} on the loop, from any thread (asyncio's {@code loop.call_soon_threadsafe}):
     * wakes the loop if it waits. Callbacks posted from one thread run in the order they were posted. A
     * callback accepted just before the loop closes, but not run by then, is dropped with the rest of the
     * loop's queue, as asyncio's {@code close()} drops it.
     *
     * @throws IllegalStateException when the loop is closed
     */
    Handle callSoonThreadsafe(Runnable callback);

    /**
     * Runs the blocking {@code call} on {@code executor} (asyncio's {@code loop.run_in_executor}) and returns
     * its future, to await with {@link Coro#await}: the loop goes on meanwhile. A {@code null} executor is
     * the default one of {@link Coro#toThread}. Cancelling the future (a cancel of the task awaiting it
     * does) keeps a call that has not started from starting; one that runs goes on, its result dropped.
     */
    <T> CompletableFuture<T> runInExecutor(Executor executor, Callable<T> call);

    /**
     * Runs {@code body} as a new task of this loop, from any thread, and returns a future of its outcome
     * (asyncio's {@code asyncio.run_coroutine_threadsafe}): the future completes with the task's result,
     * its exception as it was thrown, or a {@code CancellationException} when the task was cancelled.
     * Cancelling the future cancels the task. Never block the loop's own thread on the future: the task
     * could not run. The future always completes: if the loop closes before the task could start or
     * finish, it fails with an {@link IllegalStateException} saying "the event loop was closed".
     *
     * @throws IllegalStateException when the loop is closed
     */
    <T> CompletableFuture<T> submit(AsyncCallable<T> body);

    /** {@link #submit(AsyncCallable)} for a body without a result. */
    CompletableFuture<Void> submit(AsyncRunnable body);

    /** Whether the loop is running (asyncio's {@code loop.is_running()}). From any thread, a hint. */
    boolean isRunning();

    /** Whether the loop is closed (asyncio's {@code loop.is_closed()}): nothing can be scheduled any more. */
    boolean isClosed();

    /**
     * The task dump of this loop, from any thread: every pending task with its state, what it waits on (a
     * sleep and the time left, another task, a gather, a {@code CompletionStage}, a lock or queue) and its
     * suspended stack. See {@link Coro#dumpTasks()} for the format. From another thread the dump is taken
     * on the loop thread between callbacks, and this waits for it at most 5 seconds: a loop blocked in a
     * callback or task step answers with a message saying so and the stack of its thread instead. The
     * same dump is the {@code dumpTasks} operation of the loop's MBean
     * ({@code io.coro4j:type=EventLoop,name=<thread name>}).
     */
    String dumpTasks();

    /** Whether the loop is in debug mode (asyncio's {@code loop.get_debug()}). From any thread. */
    boolean isDebug();

    /**
     * Switches debug mode (asyncio's {@code loop.set_debug()}), from any thread; it takes effect at the next
     * turn. In debug mode every task step and callback that holds the loop longer than
     * {@link #getSlowCallbackDuration()} is logged at {@code WARNING} on the {@code io.coro4j.loop} logger,
     * naming the task and where it now waits. Loops start in debug mode with {@code -Dcoro4j.debug=true}
     * or {@link Coro#run(AsyncCallable, boolean)}.
     */
    void setDebug(boolean debug);

    /**
     * The slow-callback threshold of debug mode (asyncio's {@code loop.slow_callback_duration}): 100 ms
     * unless {@code -Dcoro4j.slowCallbackMillis} says otherwise.
     */
    Duration getSlowCallbackDuration();

    /**
     * Sets the slow-callback threshold of debug mode, from any thread.
     *
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    void setSlowCallbackDuration(Duration duration);

    /**
     * Sets what the loop does with errors nobody else can take (asyncio's
     * {@code loop.set_exception_handler}): see {@link ExceptionHandler}. {@code null} goes back to the
     * default, {@link #defaultExceptionHandler}. From any thread.
     */
    void setExceptionHandler(ExceptionHandler handler);

    /** The handler set with {@link #setExceptionHandler}, or {@code null} for the default (asyncio's {@code loop.get_exception_handler}). */
    ExceptionHandler getExceptionHandler();

    /**
     * Hands {@code context} to the loop's exception handler, or to the default one when none is set
     * (asyncio's {@code loop.call_exception_handler}). A handler that throws is reported by the default
     * one; a {@link VirtualMachineError} goes through.
     *
     * @throws IllegalStateException off the loop's thread
     */
    void callExceptionHandler(ExceptionContext context);

    /**
     * The default handling (asyncio's {@code loop.default_exception_handler}): logs at {@code ERROR} on the
     * {@code io.coro4j.loop} logger the context's text ({@link ExceptionContext#toString()}: the message,
     * then each other entry on a line of its own) with the exception's stack trace. A handler of one's
     * own may call it to log as well. From any thread.
     */
    void defaultExceptionHandler(ExceptionContext context);
}
