package io.coro4j;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * A coroutine scheduled on an event loop (asyncio's {@code Task}). Made by {@link Coro#createTask} or
 * {@link Coro#run}; it runs on the loop of the thread that made it.
 *
 * <h2>Threads</h2>
 *
 * <p>A task belongs to its loop, as in asyncio, and is used on its loop's thread only: every method
 * called from another thread throws {@link IllegalStateException}, saying so, rather than race with the
 * loop. The ways in from another thread are the loop's: post the call with
 * {@link EventLoop#callSoonThreadsafe} ({@code loop.callSoonThreadsafe(() -> task.cancel())}), run a
 * coroutine with {@link EventLoop#submit}, or wait for the task through a {@code CompletableFuture}
 * (the one {@code submit} returns, or {@link Coro#toFuture} made on the loop), whose cancel cancels the
 * task. Two exceptions: {@link #toString()} works on any thread (from another thread it shows only the
 * name and the coroutine), and once the loop has closed, the reading methods ({@link #result},
 * {@link #exception}, {@link #isDone}, {@link #getName}, ...) work on any thread too.
 *
 * <p>A task is pending until its body returns (it succeeded), throws (it failed) or ends by throwing
 * the {@link java.util.concurrent.CancellationException} that {@link #cancel} delivered (it is
 * cancelled). A task that catches the cancellation and returns normally is not cancelled.
 *
 * <p>Results follow one rule everywhere ({@link #join}, {@link #result}, {@link Coro#gather},
 * {@link Coro#waitFor}, {@link Coro#await}, {@link Coro#run}): a {@code RuntimeException} or an
 * {@code Error} arrives as it was thrown, with its own stack trace; a checked exception arrives wrapped
 * in a {@link java.util.concurrent.CompletionException} whose cause is the original.
 *
 * @param <T> the type of the result
 */
public interface Task<T> {
    /** The name: the one given, else {@code Task-N}. */
    String getName();

    /** Renames the task. */
    void setName(String name);

    /** The coroutine the task runs: its {@code toString()} names the coroutine method. */
    Object getCoro();

    /** Whether the task has finished: succeeded, failed or cancelled. */
    boolean isDone();

    /** Whether the task ended cancelled. */
    boolean isCancelled();

    /** {@link #cancel(String)} without a message. */
    boolean cancel();

    /**
     * Requests the cancellation of the task: a {@code CancellationException} carrying {@code message}
     * ({@code null} for none) is thrown into it where it is suspended, at the loop's next turn; a task
     * waiting on another task cancels that task instead, and ends with how that task ends. A task that
     * never ran ends cancelled without running.
     *
     * @return false when the task is already done
     */
    boolean cancel(String message);

    /**
     * How many cancellation requests this task has that are not yet withdrawn by {@link #uncancel()}
     * (asyncio's {@code Task.cancelling()}): each {@link #cancel} of the pending task counts one, even
     * when a cancel is already on its way. Code that catches a {@code CancellationException} tells a
     * cancellation of its own task from one it merely saw (a task it joined was cancelled) by this
     * count: zero means nobody is cancelling this task.
     */
    int cancelling();

    /**
     * Withdraws one cancellation request and returns how many are left (asyncio's
     * {@code Task.uncancel()}, with the 3.13 rule): when the count reaches zero, a cancellation not yet
     * thrown into the task is dropped. Meant for the code that requested the cancel and handled it, as
     * timeouts and task groups do, so that an outer cancellation stays visible; never below zero.
     */
    int uncancel();

    /**
     * Waits for the task to finish and returns its result or throws its exception (asyncio's
     * {@code await task}). Returns at once, without suspending, when the task is done.
     *
     * @throws java.util.concurrent.CancellationException when the task was cancelled
     */
    @Async
    T join();

    /**
     * The result of a finished task, or its exception thrown.
     *
     * @throws IllegalStateException when the task is not done
     * @throws java.util.concurrent.CancellationException when the task was cancelled
     */
    T result();

    /**
     * The exception the task failed with, as it was thrown; {@code null} when it succeeded.
     *
     * @throws IllegalStateException when the task is not done
     * @throws java.util.concurrent.CancellationException when the task was cancelled
     */
    Throwable exception();

    /**
     * Calls {@code callback} with this task once it is done, as a callback of the loop (never inside
     * the call that finished the task); callbacks run in the order they were added. On a done task the
     * callback is scheduled at once.
     */
    void addDoneCallback(Consumer<? super Task<T>> callback);

    /**
     * Where the task is suspended, innermost frame first; for the task running now, where it runs. Empty
     * for a task that is done or has not started.
     */
    List<StackTraceElement> getStack();

    /**
     * Prints the task's stack to {@code System.err} (asyncio's {@code Task.print_stack()}); see
     * {@link #printStack(PrintStream)}.
     */
    default void printStack() {
        printStack(System.err);
    }

    /**
     * Prints where the task is suspended (asyncio's {@code Task.print_stack(file=out)}), in the form of a
     * Java stack trace, innermost frame first as {@link #getStack()} and {@code Throwable.printStackTrace}
     * order them (asyncio prints the outermost first; Java readers and IDEs expect the innermost first):
     *
     * <pre>
     * Stack for &lt;Task pending name='worker' coro=&lt;Main.worker() running at Main.java:14&gt;&gt; (most recent call first):
     * 	at io.coro4j.Coro.sleep(Coro.java:140)
     * 	at Main.worker(Main.java:14)
     * </pre>
     *
     * A task that failed prints {@code Traceback for <Task ...>:} and its exception's stack trace (this
     * does not count as retrieving the exception); a task with no stack (not started, or done otherwise)
     * prints {@code No stack for <Task ...>}.
     */
    void printStack(PrintStream out);

    /**
     * Like asyncio's repr: {@code <Task pending name='Task-1' coro=<Main.main() running at
     * Main.java:14>>}, {@code <Task finished name='Task-3' coro=<Main.work() done> result=42>},
     * {@code <Task cancelled ...>}, {@code <Task finished ... exception=java.lang.Exception: boom>}. On any
     * thread; from a thread other than the loop's while the loop runs, only the name and the coroutine
     * ({@code <Task name='Task-1' coro=<Main.main()>>}).
     */
    @Override
    String toString();
}
