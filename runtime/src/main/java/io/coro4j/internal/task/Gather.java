package io.coro4j.internal.task;

import io.coro4j.Outcome;
import io.coro4j.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * What a task waits on in {@code Coro.gather} and {@code Coro.gatherSettled} (asyncio's
 * {@code _GatheringFuture}, with {@code return_exceptions} False and True). Each child's completion is
 * handled as a soon-callback, in the order the children finish. Plain: the first child that fails or is
 * cancelled ends the gather with its exception (the others run on); when all have succeeded it ends with
 * their results. Settled: it ends when the last child ends, with every outcome. Then the waiting task is
 * woken (one more turn, as asyncio's outer future schedules its own callbacks). In both modes a gather
 * whose waiter was cancelled (and the cancel reached a child) ends cancelled (asyncio's bpo-32684).
 *
 * <pre>
 *   gathering --first failure / cancelled child (plain)--&gt; failed   --&gt; waiter woken
 *       |     --last child ended-----------------------&gt; finished --&gt; waiter woken
 *       +--waiter cancelled: children cancelled, the gather goes on (ends cancelled)
 * </pre>
 *
 * @param <R> the outcome: the results ({@code List<T>}) or, settled, the outcomes ({@code List<Outcome<T>>})
 */
public final class Gather<R> extends Completion<R> implements DoneListener {
    private final TaskImpl<?>[] children;
    /** return_exceptions=True: failed and cancelled children do not end the gather. */
    private final boolean settled;
    private int finished;
    /** The waiter was cancelled and the cancel reached a child: the gather ends cancelled. */
    private boolean cancelRequested;

    private Gather(TaskImpl<?> waiter, TaskImpl<?>[] children, boolean settled) {
        super(waiter, settled ? "Coro.gatherSettled" : "Coro.gather");
        this.children = children;
        this.settled = settled;
    }

    /**
     * Starts gathering {@code tasks} for the running task {@code waiter}, which must {@link #await()} the
     * results next (at once, without suspending, when there are no tasks).
     */
    public static <T> Gather<List<T>> begin(TaskImpl<?> waiter, Task<?>[] tasks) {
        return start(waiter, tasks, false);
    }

    /** {@link #begin}, asyncio's {@code return_exceptions=True}: every child's outcome. */
    public static <T> Gather<List<Outcome<T>>> beginSettled(TaskImpl<?> waiter, Task<?>[] tasks) {
        return start(waiter, tasks, true);
    }

    private static <R> Gather<R> start(TaskImpl<?> waiter, Task<?>[] tasks, boolean settled) {
        TaskImpl<?>[] children = new TaskImpl<?>[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
            children[i] = TaskImpl.of(Objects.requireNonNull(tasks[i], "tasks[" + i + "]"), waiter.loop());
        }
        Gather<R> gather = new Gather<>(waiter, children, settled);
        if (children.length == 0) {
            gather.end(null);
            return gather;
        }
        gather.arm();
        for (TaskImpl<?> child : children) {
            child.addListener(gather);
        }
        return gather;
    }

    @Override
    public void taskDone(TaskImpl<?> child) {
        task.loop().callSoon(() -> childDone(child));
    }

    private void childDone(TaskImpl<?> child) {
        finished++;
        if (isDone()) {
            child.failure(); // its exception is not lost: the gather has already ended (asyncio's rule)
            return;
        }
        if (settled) {
            if (finished == children.length) {
                end(cancelRequested ? new CancellationException() : null);
            }
        } else if (child.isCancelled()) {
            end(child.cancellationError());
        } else if (child.failure() != null) {
            end(child.failure());
        } else if (finished == children.length) {
            end(cancelRequested ? new CancellationException() : null);
        }
    }

    /** Ends the gather once: with {@code failure}, or with the children's results (or outcomes). */
    @SuppressWarnings("unchecked")
    private void end(Throwable failure) {
        if (failure != null) {
            fail(failure);
        } else {
            complete((R) (settled ? outcomes() : results()));
        }
    }

    @Override
    protected boolean onCancel(String message) {
        boolean any = false;
        for (TaskImpl<?> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            cancelRequested = true;
        }
        return any;
    }

    /** The results in the order of the arguments. */
    private List<Object> results() {
        List<Object> results = new ArrayList<>(children.length);
        for (TaskImpl<?> child : children) {
            results.add(child.outcome());
        }
        return results;
    }

    /** Every child's outcome, in the order of the arguments. */
    private List<Outcome<Object>> outcomes() {
        List<Outcome<Object>> outcomes = new ArrayList<>(children.length);
        for (TaskImpl<?> child : children) {
            @SuppressWarnings("unchecked")
            TaskImpl<Object> c = (TaskImpl<Object>) child;
            outcomes.add(c.isCancelled() ? Outcome.failed(c.cancellationError())
                    : c.failure() != null ? Outcome.failed(c.failure()) : Outcome.succeeded(c.result()));
        }
        return outcomes;
    }

    /** {@code gather of 'a', 'b', 'c' (1 done)}; past five names, how many more. */
    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("gather of ");
        for (int i = 0; i < children.length; i++) {
            if (i == 5) {
                b.append(" and ").append(children.length - 5).append(" more");
                break;
            }
            b.append(i == 0 ? "'" : ", '").append(children[i].name()).append('\'');
        }
        return b.append(" (").append(finished).append(" done)").toString();
    }

    @Override
    public String toString() {
        return "gather of " + children.length + " tasks for " + task.name();
    }
}
