package io.coro4j.internal.io;

import io.coro4j.Async;
import io.coro4j.internal.task.Completion;
import io.coro4j.internal.task.TaskImpl;

import java.util.ArrayList;
import java.util.function.Supplier;

/**
 * The tasks waiting for one thing to happen (a writer to drain, a transport or a server to close), in the
 * order they came: asyncio's list of waiter futures. {@link #releaseAll()} completes every waiter (each
 * task's step is queued, in order); a cancelled waiter leaves the list at once. Costs one field while
 * nobody waits (null, one waiter, or a list of them). Loop thread only.
 */
public final class WaitList {
    /** Null, one {@link Waiter}, or an {@code ArrayList} of them. */
    private Object waiters;
    /** The words of the task dump: {@code to drain the writer to 127.0.0.1:53412}. */
    private final Supplier<String> what;

    /**
     * @param what what a waiting task waits for, after "waiting ", computed when a dump asks
     *     ({@code to drain the writer to 127.0.0.1:53412})
     */
    public WaitList(Supplier<String> what) {
        this.what = what;
    }

    /** Whether a task waits. */
    public boolean isEmpty() {
        return waiters == null;
    }

    /** The running task waits until {@link #releaseAll()}; a cancel of the task lets it go at once. */
    @Async
    public void await(TaskImpl<?> task) {
        new Waiter(task, this).await();
    }

    /** Completes every waiter, in the order they came; the list is empty after. */
    public void releaseAll() {
        Object ws = waiters;
        waiters = null;
        if (ws instanceof Waiter) {
            ((Waiter) ws).tryComplete(null);
        } else if (ws != null) {
            @SuppressWarnings("unchecked")
            ArrayList<Waiter> list = (ArrayList<Waiter>) ws;
            for (Waiter w : list) {
                w.tryComplete(null);
            }
        }
    }

    private void add(Waiter w) {
        Object ws = waiters;
        if (ws == null) {
            waiters = w;
        } else if (ws instanceof Waiter) {
            ArrayList<Waiter> list = new ArrayList<>(4);
            list.add((Waiter) ws);
            list.add(w);
            waiters = list;
        } else {
            @SuppressWarnings("unchecked")
            ArrayList<Waiter> list = (ArrayList<Waiter>) ws;
            list.add(w);
        }
    }

    private void remove(Waiter w) {
        Object ws = waiters;
        if (ws == w) {
            waiters = null;
        } else if (ws instanceof ArrayList) {
            ArrayList<?> list = (ArrayList<?>) ws;
            list.remove(w);
            if (list.isEmpty()) {
                waiters = null;
            }
        }
    }

    /** One task's wait: leaves the list when it is done or cancelled. */
    private static final class Waiter extends Completion<Void> {
        private final WaitList list;

        /** The running task {@code task} waits on this from now on (it must await it next). */
        Waiter(TaskImpl<?> task, WaitList list) {
            super(task, "io.coro4j.net.wait");
            this.list = list;
            list.add(this);
            arm();
        }

        @Override
        protected void onDone() {
            list.remove(this);
        }

        @Override
        public String describe() {
            return list.what.get();
        }

        @Override
        public String waitingState() {
            return "waiting " + describe();
        }
    }
}
