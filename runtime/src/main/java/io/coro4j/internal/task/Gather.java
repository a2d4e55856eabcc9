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
 */
public final class Gather<T> implements DoneListener, Waitable {
    private final TaskImpl<?> waiter;
    private final TaskImpl<?>[] children;
    /** return_exceptions=True: failed and cancelled children do not end the gather. */
    private final boolean settled;
    private int finished;
    private boolean done;
    /** The waiter was cancelled and the cancel reached a child: the gather ends cancelled. */
    private boolean cancelRequested;
    private Throwable failure;

    private Gather(TaskImpl<?> waiter, TaskImpl<?>[] children, boolean settled) {
        this.waiter = waiter;
        this.children = children;
        this.settled = settled;
    }

    /**
     * Starts gathering {@code tasks} for the running task {@code waiter}. Unless {@link #pending()} is
     * false (no tasks at all), the waiter must suspend next.
     */
    public static <T> Gather<T> begin(TaskImpl<?> waiter, Task<?>[] tasks) {
        return begin(waiter, tasks, false);
    }

    /** {@link #begin(TaskImpl, Task[])}; {@code settled}: asyncio's {@code return_exceptions=True}. */
    public static <T> Gather<T> begin(TaskImpl<?> waiter, Task<?>[] tasks, boolean settled) {
        TaskImpl<?>[] children = new TaskImpl<?>[tasks.length];
        for (int i = 0; i < tasks.length; i++) {
            children[i] = TaskImpl.of(Objects.requireNonNull(tasks[i], "tasks[" + i + "]"), waiter.loop());
        }
        Gather<T> gather = new Gather<>(waiter, children, settled);
        if (children.length == 0) {
            gather.done = true;
            return gather;
        }
        waiter.waitOn(gather);
        for (TaskImpl<?> child : children) {
            child.addListener(gather);
        }
        return gather;
    }

    /** Whether the waiting task must suspend until the gather ends. */
    public boolean pending() {
        return !done;
    }

    @Override
    public void taskDone(TaskImpl<?> child) {
        waiter.loop().callSoon(() -> childDone(child));
    }

    private void childDone(TaskImpl<?> child) {
        finished++;
        if (done) {
            child.failure(); // its exception is not lost: the gather has already failed (asyncio's rule)
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

    private void end(Throwable failure) {
        this.failure = failure;
        done = true;
        waiter.wake(this);
    }

    @Override
    public boolean cancelWaiter(String message) {
        if (done) {
            return false;
        }
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

    /** The results in the order of the arguments, or the first failure thrown by the rules of {@code Task}. */
    @SuppressWarnings("unchecked")
    public List<T> results() {
        if (failure != null) {
            throw Outcomes.propagate(failure);
        }
        List<T> results = new ArrayList<>(children.length);
        for (TaskImpl<?> child : children) {
            results.add((T) child.outcome());
        }
        return results;
    }

    /**
     * Settled mode: the outcome of every child in the order of the arguments, or a
     * {@code CancellationException} when the waiter's cancel ended the gather.
     */
    public List<Outcome<T>> outcomes() {
        if (failure != null) {
            throw Outcomes.propagate(failure);
        }
        List<Outcome<T>> outcomes = new ArrayList<>(children.length);
        for (TaskImpl<?> child : children) {
            @SuppressWarnings("unchecked")
            TaskImpl<T> c = (TaskImpl<T>) child;
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
        return "gather of " + children.length + " tasks for " + waiter.name();
    }
}
