package io.coro4j.internal.task;

import io.coro4j.ReturnWhen;
import io.coro4j.Task;
import io.coro4j.WaitResult;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Timer;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a task waits on in {@code Coro.wait} (asyncio's {@code _wait}): a done listener on every task,
 * each completion handled as a soon-callback (asyncio's {@code _on_completion} done callback), and an
 * optional deadline. The waiter is released when the {@link ReturnWhen} condition holds or the deadline
 * passes; a cancel of the waiter lets it go at once and cancels none of the tasks.
 *
 * <pre>
 *   waiting --condition met (FIRST_COMPLETED: one done; FIRST_EXCEPTION: one failed; all done)--&gt; released
 *      |    --deadline passed-----------------------------------------------------------------&gt; released
 *      +--waiter cancelled: it lets go
 * </pre>
 *
 * Either way the listeners and the timer go ({@link #onDone()}). The split into done and pending is made
 * when the waiter resumes, as asyncio's {@code _wait} makes it after its {@code await waiter}.
 */
public final class CompletionWait<T extends Task<?>> extends Completion<WaitResult<T>> implements DoneListener {
    private final List<T> tasks;
    private final TaskImpl<?>[] impls;
    private final ReturnWhen returnWhen;
    private final LoopCore loop;
    private Timer deadline;
    private int remaining;

    private CompletionWait(TaskImpl<?> waiter, List<T> tasks, ReturnWhen returnWhen) {
        super(waiter, "Coro.wait");
        this.tasks = tasks;
        this.returnWhen = returnWhen;
        this.loop = waiter.loop();
        this.impls = new TaskImpl<?>[tasks.size()];
        for (int i = 0; i < impls.length; i++) {
            impls[i] = TaskImpl.of((Task<?>) tasks.get(i), loop);
        }
        this.remaining = impls.length;
    }

    /**
     * The running task {@code waiter} starts waiting on {@code tasks} (distinct, not empty); it must await
     * next. A {@code null} timeout waits without a deadline; zero or negative releases the waiter at the
     * next turn.
     */
    public static <T extends Task<?>> CompletionWait<T> begin(TaskImpl<?> waiter, List<T> tasks,
            ReturnWhen returnWhen, Duration timeout) {
        CompletionWait<T> wait = new CompletionWait<>(waiter, tasks, returnWhen);
        wait.arm();
        if (timeout != null) {
            wait.deadline = wait.loop.callLater(LoopCore.toNanos(timeout), () -> wait.tryComplete(null));
        }
        for (TaskImpl<?> t : wait.impls) {
            t.addListener(wait);
        }
        return wait;
    }

    @Override
    public void taskDone(TaskImpl<?> task) {
        loop.callSoon(() -> onCompletion(task));
    }

    private void onCompletion(TaskImpl<?> task) {
        remaining--;
        if (remaining <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && task.failure() != null)) {
            tryComplete(null); // the deadline, or an earlier completion, may have released it already
        }
    }

    /** The wait is over: no listener or timer is left behind. */
    @Override
    protected void onDone() {
        if (deadline != null) {
            loop.cancel(deadline);
        }
        for (TaskImpl<?> t : impls) {
            t.removeListener(this);
        }
    }

    /** The tasks split into those done and those still pending, each set in the order given. */
    @Override
    protected WaitResult<T> outcome() {
        super.outcome();
        Set<T> done = new LinkedHashSet<>();
        Set<T> pending = new LinkedHashSet<>();
        for (T t : tasks) {
            (t.isDone() ? done : pending).add(t);
        }
        return new WaitResult<>(done, pending);
    }

    @Override
    public String toString() {
        return super.toString() + " for " + returnWhen + " of " + impls.length + " tasks";
    }
}
