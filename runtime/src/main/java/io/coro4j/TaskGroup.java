package io.coro4j;

import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.Outcomes;
import io.coro4j.internal.task.TaskImpl;
import io.coro4j.internal.task.Completion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Structured concurrency (asyncio's {@code TaskGroup}): tasks created in a group never outlive it. The
 * group waits for all of them; the first that fails cancels the others; and the failures come out
 * together: <b>the first failure is thrown</b> (by the rule of {@link Task}: unchecked as it was
 * thrown, checked wrapped in {@link CompletionException}) <b>with the later ones added to it as
 * suppressed</b> (Java's own way to report several failures, as try-with-resources does), where asyncio
 * raises an {@code ExceptionGroup}. Cancelled tasks are not failures.
 *
 * <h2>The body form: asyncio's {@code async with TaskGroup() as g}</h2>
 *
 * <pre>{@code
 * TaskGroup.run(g -> {
 *     Task<String> a = g.createTask(() -> fetch("a"));
 *     g.createTask(() -> fetch("b"));
 *     Coro.sleep(Duration.ofSeconds(1));   // a failure of a child cancels the body here
 * });                                      // returns when both tasks are done
 * }</pre>
 *
 * <p>Exactly asyncio's semantics: at the end of the body the group waits for its tasks; a failing task
 * cancels the others and the body (which gets a {@code CancellationException} where it waits), and the
 * group withdraws that cancel ({@link Task#uncancel()}) when it ends; a failure of the body itself
 * cancels the tasks and is reported after theirs; a cancel of the calling task cancels the tasks, and
 * after they have ended the {@code CancellationException} goes on (unless there were failures, which
 * take precedence, as in asyncio).
 *
 * <h2>The try-with-resources form</h2>
 *
 * <pre>{@code
 * try (TaskGroup g = TaskGroup.open()) {
 *     g.createTask(() -> fetch("a"));
 *     g.createTask(() -> fetch("b"));
 *     g.join();                            // waits for all; throws the failures
 * }                                        // close(): nothing left to do
 * }</pre>
 *
 * <p>Java does not tell {@code close()} whether the block is ending normally or by an exception, so
 * {@code close()} cannot wait for the tasks as asyncio's exit does without risking to hang an error path
 * on tasks nobody will ever need: like {@code java.util.concurrent.StructuredTaskScope}, the block waits
 * with {@link #join()}, and {@code close()} cancels what is still running and waits for it to end (a
 * cancel of the calling task, or an exception of the block, thus reaches the tasks). Tasks that
 * {@code close()} had to cancel although nobody else did mean a forgotten {@code join()}: it then throws
 * {@code IllegalStateException} (suppressed by the block's own exception, if one is leaving). In this
 * form a failing task cancels the other tasks but not the block: the failures come out of {@code join()}.
 *
 * <h2>States</h2>
 *
 * <pre>
 *   open --a task failed--&gt; aborting (tasks cancelled; createTask refused)
 *    |                          |
 *    +--join/close/end of body--+--&gt; exiting: waits until no task is left --&gt; finished
 * </pre>
 *
 * <p>Used on the loop's thread; {@link #join()}, {@link #close()} and the body belong to the task that
 * opened the group, and tasks of the group may create more tasks in it.
 */
public final class TaskGroup implements AutoCloseable {
    /** The body of {@link TaskGroup#run(Body)}: a coroutine given the group. */
    @FunctionalInterface
    public interface Body {
        @Async
        void run(TaskGroup group) throws Exception;
    }

    private final TaskImpl<?> parent;
    private final LoopCore loop;
    /** The body form: a failing task cancels the parent too (asyncio's behaviour). */
    private final boolean cancelsParent;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private final List<Throwable> errors = new ArrayList<>();
    private boolean exiting;
    private boolean finished;
    private boolean aborting;
    /** The group cancelled its parent (body form): it must withdraw that cancel when it ends. */
    private boolean parentCancelRequested;
    /** While the parent waits in {@link #exit}: woken when the last task is done. */
    private Completion<Void> onCompleted;

    private TaskGroup(TaskImpl<?> parent, boolean cancelsParent) {
        this.parent = parent;
        this.loop = parent.loop();
        this.cancelsParent = cancelsParent;
    }

    /**
     * Opens a group for the calling task, for try-with-resources.
     *
     * @throws IllegalStateException when no task runs on this thread
     */
    public static TaskGroup open() {
        return new TaskGroup(TaskImpl.current("io.coro4j.TaskGroup.open"), false);
    }

    /**
     * Runs {@code body} with a new group, then waits for every task of the group (asyncio's
     * {@code async with TaskGroup() as g:}); see the class comment for what fails how.
     */
    @Async
    public static void run(Body body) {
        Objects.requireNonNull(body, "body");
        TaskGroup group = new TaskGroup(TaskImpl.current("io.coro4j.TaskGroup.run"), true);
        Throwable failure = null;
        try {
            body.run(group);
        } catch (Throwable e) {
            failure = e;
        }
        group.exit(failure);
        if (failure != null) {
            throw Outcomes.propagate(failure); // a cancellation the group left as it was
        }
    }

    /**
     * Creates a task of the group (asyncio's {@code TaskGroup.create_task}), scheduled as
     * {@link Coro#createTask(AsyncCallable)} schedules one.
     *
     * @throws IllegalStateException when the group is finished, or shutting down after a failure
     */
    public <T> Task<T> createTask(AsyncCallable<T> body) {
        Objects.requireNonNull(body, "body");
        checkOpen();
        return adopt(TaskImpl.start(loop, body, null));
    }

    /** {@link #createTask(AsyncCallable)} with a name. */
    public <T> Task<T> createTask(AsyncCallable<T> body, String name) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(name, "name");
        checkOpen();
        return adopt(TaskImpl.start(loop, body, name));
    }

    /** {@link #createTask(AsyncCallable)} for a body without a result. */
    public Task<Void> createTask(AsyncRunnable body) {
        Objects.requireNonNull(body, "body");
        checkOpen();
        return adopt(TaskImpl.start(loop, body, null));
    }

    /** {@link #createTask(AsyncRunnable)} with a name. */
    public Task<Void> createTask(AsyncRunnable body, String name) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(name, "name");
        checkOpen();
        return adopt(TaskImpl.start(loop, body, name));
    }

    /**
     * Waits until every task of the group is done, and ends the group (the exit of asyncio's
     * {@code async with}). The first failure of a task is thrown, the later ones suppressed by it. If the
     * calling task is cancelled meanwhile, the tasks are cancelled and waited for, and the
     * {@code CancellationException} is thrown (failures take precedence).
     *
     * @throws IllegalStateException when called by another task than the one that opened the group, or
     *     after the group has ended
     */
    @Async
    public void join() {
        if (finished) {
            throw new IllegalStateException("the task group has ended already");
        }
        exit(null);
    }

    /**
     * Ends the block of a try-with-resources: the tasks still running are cancelled and waited for, and
     * the failures not yet thrown are (the first, with the others suppressed). Does nothing after
     * {@link #join()}. See the class comment.
     *
     * @throws IllegalStateException when tasks were still running that nobody had cancelled (a missing
     *     {@code join()}), after they were cancelled and have ended
     */
    @Async
    @Override
    public void close() {
        if (finished) {
            return;
        }
        int forgotten = 0;
        for (Task<?> t : tasks) {
            if (t.cancelling() == 0) {
                forgotten++;
            }
        }
        if (!aborting) {
            abort();
        }
        exit(null);
        if (forgotten > 0) {
            throw new IllegalStateException("TaskGroup closed with " + forgotten + " task(s) still running,"
                    + " which were cancelled: call join() at the end of the block to wait for them");
        }
    }

    @Override
    public String toString() {
        return "<TaskGroup of " + parent.getName() + " tasks=" + tasks.size() + " errors=" + errors.size()
                + (aborting ? " cancelling" : "") + (finished ? " finished" : exiting ? " exiting" : "") + ">";
    }

    // ------------------------------------------------------------------------------------------------

    private <T> Task<T> adopt(TaskImpl<T> task) {
        tasks.add(task);
        task.addDoneCallback(this::onTaskDone); // a soon-callback, as asyncio's done callback
        return task;
    }

    private void checkOpen() {
        if (finished || (exiting && tasks.isEmpty())) {
            throw new IllegalStateException("the task group is finished");
        }
        if (aborting) {
            throw new IllegalStateException("the task group is shutting down");
        }
    }

    /**
     * asyncio's {@code __aexit__}: with {@code failure} the exception leaving the body (body form), or
     * null. Returns normally when nothing is to be thrown.
     */
    @Async
    private void exit(Throwable failure) {
        TaskImpl<?> me = TaskImpl.current("io.coro4j.TaskGroup.join");
        if (me != parent) {
            throw new IllegalStateException("a task group is ended by the task that opened it ("
                    + parent.getName() + "), not by " + me.getName());
        }
        exiting = true;
        CancellationException propagateCancellation =
                failure instanceof CancellationException ? (CancellationException) failure : null;
        if (failure != null && !aborting) {
            abort();
        }
        // a loop: the wait can be cancelled again and again while the tasks finish their cancellation
        while (!tasks.isEmpty()) {
            onCompleted = Completion.begin(me, "TaskGroup exit");
            try {
                onCompleted.await(); // woken when the last task is done
            } catch (CancellationException e) {
                if (!aborting) {
                    propagateCancellation = e;
                    abort();
                }
            }
            onCompleted = null;
        }
        finished = true;
        // after the loop, as asyncio 3.13 does: a failure during the wait may have cancelled the parent
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagateCancellation = null;
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw propagateCancellation;
        }
        if (failure != null && !(failure instanceof CancellationException)) {
            errors.add(failure);
        }
        if (!errors.isEmpty()) {
            throw combined();
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    /** asyncio's {@code _on_task_done}, a done callback of every task of the group. */
    private void onTaskDone(Task<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty()) {
            onCompleted.tryComplete(null); // a cancel of the parent may have let go first
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable e = task.exception();
        if (e == null) {
            return;
        }
        errors.add(e);
        if (!aborting && !parentCancelRequested) {
            abort();
            if (cancelsParent && !parent.isDone()) {
                parentCancelRequested = true;
                parent.cancel();
            }
        }
    }

    /** The first failure to throw, the others suppressed by it; the errors are let go. */
    private RuntimeException combined() {
        Throwable first = errors.get(0);
        Throwable thrown = first instanceof RuntimeException || first instanceof Error
                ? first : new CompletionException(first);
        for (Throwable e : errors) {
            if (e != first && e != thrown) {
                thrown.addSuppressed(e);
            }
        }
        errors.clear();
        return Outcomes.propagate(thrown);
    }
}
