package io.coro4j.internal.task;

import io.coro4j.Task;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Timer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;

/**
 * The state behind {@code AsCompleted} (asyncio 3.13's {@code _AsCompletedIterator}): a done listener on
 * every task puts it in a queue of finished tasks as a soon-callback; {@link #take()} hands them out in
 * that order. One deadline covers the whole iteration: when it passes, the listeners are removed and
 * every task not yet handed out becomes a {@link TimeoutException} for one {@code take}.
 *
 * <pre>
 *   running --a task done--&gt; queued (handed out by take, one each)
 *      |    --deadline passed--&gt; timed out: each later take throws TimeoutException, one per task left
 *      +--all handed out--&gt; exhausted (hasNext false)
 * </pre>
 *
 * <p>Unlike asyncio, a {@code take} whose wait is cancelled hands nothing out and uses up no task: the
 * iteration can go on.
 */
public final class CompletionQueue<T extends Task<?>> implements DoneListener {
    private final LoopCore loop;
    /** The tasks not yet finished (or, after the deadline, none), each with the object the caller gave. */
    private final Map<TaskImpl<?>, T> todo = new LinkedHashMap<>();
    /** Finished tasks not yet handed out. */
    private final ArrayDeque<T> done = new ArrayDeque<>();
    private final Duration timeout;
    /** Tasks not yet handed out (nor turned into a TimeoutException). */
    private int left;
    private boolean timedOut;
    private Timer deadline;
    /** The taker waiting for the next finished task, or null. */
    private Completion<Void> taker;

    private CompletionQueue(LoopCore loop, Duration timeout) {
        this.loop = loop;
        this.timeout = timeout;
    }

    /** Starts listening to {@code tasks} (distinct) on {@code loop}; a {@code null} timeout: no deadline. */
    public static <T extends Task<?>> CompletionQueue<T> start(LoopCore loop, List<T> tasks, Duration timeout) {
        CompletionQueue<T> q = new CompletionQueue<>(loop, timeout);
        for (T t : tasks) {
            q.todo.put(TaskImpl.of((Task<?>) t, loop), t);
        }
        q.left = tasks.size();
        for (TaskImpl<?> t : q.todo.keySet()) {
            t.addListener(q);
        }
        if (!tasks.isEmpty() && timeout != null) {
            q.deadline = loop.callLater(LoopCore.toNanos(timeout), q::onTimeout);
        }
        return q;
    }

    @Override
    public void taskDone(TaskImpl<?> task) {
        loop.callSoon(() -> onCompletion(task));
    }

    private void onCompletion(TaskImpl<?> task) {
        T t = todo.remove(task);
        if (t == null) {
            return; // the deadline was first
        }
        done.add(t);
        if (todo.isEmpty() && deadline != null) {
            loop.cancel(deadline);
        }
        wakeTaker();
    }

    private void onTimeout() {
        timedOut = true;
        for (TaskImpl<?> t : todo.keySet()) {
            t.removeListener(this);
        }
        todo.clear();
        wakeTaker();
    }

    private void wakeTaker() {
        Completion<Void> w = taker;
        taker = null;
        if (w != null) {
            w.tryComplete(null); // a cancel of the taker may have let go first
        }
    }

    /** Whether a {@link #take()} has something to hand out: a task, or a TimeoutException. */
    public boolean hasNext() {
        return left > 0;
    }

    /**
     * What the running task {@code me} must await before {@link #take()}: a completion when nothing has
     * finished yet and the deadline has not passed (it is armed: {@code me} must await it next); else null.
     *
     * @throws NoSuchElementException when every task was handed out
     */
    public Completion<Void> waitForNext(TaskImpl<?> me) {
        if (left == 0) {
            throw new NoSuchElementException("every task was handed out already");
        }
        if (!done.isEmpty() || timedOut) {
            return null;
        }
        taker = Completion.begin(me, "AsCompleted.next");
        return taker;
    }

    /** The next finished task, or TimeoutException once the deadline has passed. */
    public T take() throws TimeoutException {
        taker = null;
        T t = done.poll();
        if (t == null && !timedOut) {
            throw new IllegalStateException("take() before a task finished");
        }
        left--;
        if (t == null) {
            throw new TimeoutException("the tasks did not all finish within " + timeout);
        }
        return t;
    }

    @Override
    public String toString() {
        return "asCompleted of " + (todo.size() + done.size()) + " tasks";
    }
}
