package io.coro4j.internal.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * What a task waits on in {@code Coro.await}: the {@code whenComplete} action on the stage, and the token
 * of the wake-up. The stage may complete on any thread; the wake-up always goes through the loop (its
 * thread-safe inbox from another thread), so the task resumes on the loop thread at a later turn, never
 * inside {@code complete()}.
 *
 * <pre>
 *   NEW --stage completes first (already complete, or a race)--&gt; COMPLETED: no suspension
 *    |
 *    +--arm(): the task suspends--&gt; ARMED --stage completes--&gt; COMPLETED, wake-up posted to the loop
 * </pre>
 *
 * <p>{@link #state} is the only field shared between threads; the value and failure are written before
 * it and read after it (or after the inbox hand-off, which orders them too).
 */
public final class StageWaiter<T> implements BiConsumer<T, Throwable>, Runnable, Waitable {
    private static final int NEW = 0;
    private static final int ARMED = 1;
    private static final int COMPLETED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(StageWaiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TaskImpl<?> task;
    private final CompletionStage<T> stage;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    private T value;
    private Throwable failure;
    /** Loop thread only: {@link #begin} armed the waiter, so the task suspends. */
    private boolean armed;

    private StageWaiter(TaskImpl<?> task, CompletionStage<T> stage) {
        this.task = task;
        this.stage = stage;
    }

    /**
     * The outcome of a stage already complete, without waiting: its value, or its failure (unwrapped from
     * {@link CompletionException}) thrown by the rules of {@code Task}.
     */
    public static <T> T now(CompletableFuture<T> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            throw Outcomes.propagate(Outcomes.unwrap(e));
        }
    }

    /**
     * Starts waiting on {@code stage} for the running task. When {@link #pending()}, the task must
     * suspend next; else the stage is complete and {@link #outcome()} has its result.
     */
    public static <T> StageWaiter<T> begin(TaskImpl<?> task, CompletionStage<T> stage) {
        StageWaiter<T> waiter = new StageWaiter<>(task, stage);
        stage.whenComplete(waiter);
        if (STATE.compareAndSet(waiter, NEW, ARMED)) {
            waiter.armed = true;
            task.waitOn(waiter);
        }
        return waiter;
    }

    /** Whether the task must suspend until the stage completes (decided once, by {@link #begin}). */
    public boolean pending() {
        return armed;
    }

    /** Any thread: the stage completed. */
    @Override
    public void accept(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
        if ((int) STATE.getAndSet(this, COMPLETED) == ARMED) {
            // a closed loop has no task left to wake: nothing to do then
            task.loop().offerThreadsafe(this);
        }
    }

    /** On the loop: the posted wake-up. Stale (ignored) when the task stopped waiting meanwhile. */
    @Override
    public void run() {
        task.wake(this);
    }

    /** The task is cancelled: it stops waiting at once; a stage that is a {@link Future} is cancelled. */
    @Override
    public boolean cancelWaiter(String message) {
        if (stage instanceof Future) {
            try {
                ((Future<?>) stage).cancel(false);
            } catch (UnsupportedOperationException e) {
                // a stage that is a Future only in name (CompletableFuture.completedStage()): leave it
            }
        }
        return false;
    }

    /** The stage's value, or its failure thrown by the rules of {@code Task}. */
    public T outcome() {
        if (failure != null) {
            throw Outcomes.propagate(Outcomes.unwrap(failure));
        }
        return value;
    }

    @Override
    public String describe() {
        return "CompletionStage " + stage;
    }

    @Override
    public String toString() {
        return "await of " + stage + " by " + task.name();
    }
}
