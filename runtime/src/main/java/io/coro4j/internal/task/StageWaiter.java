package io.coro4j.internal.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * What a task waits on in {@code Coro.await}: a completion fed by the {@code whenComplete} action on the
 * stage. The stage may complete on any thread; its outcome always goes through the loop (its thread-safe
 * inbox from another thread), so the task resumes on the loop thread at a later turn, never inside
 * {@code complete()}.
 *
 * <pre>
 *   NEW --stage completes first (already complete, or a race)--&gt; COMPLETED: completed now, no suspension
 *    |
 *    +--armed: the task suspends--&gt; ARMED --stage completes--&gt; COMPLETED, posted to the loop, completed there
 * </pre>
 *
 * <p>{@link #posting} is the only field shared between threads; the value and failure are written before
 * it and read after it (or after the inbox hand-off, which orders them too). A cancel of the task lets go
 * at once and cancels a stage that is a {@link Future}; the stage's outcome, posted later, finds the
 * completion cancelled and is dropped.
 */
public final class StageWaiter<T> extends Completion<T> implements BiConsumer<T, Throwable>, Runnable {
    private static final int NEW = 0;
    private static final int ARMED = 1;
    private static final int COMPLETED = 2;
    private static final VarHandle POSTING;

    static {
        try {
            POSTING = MethodHandles.lookup().findVarHandle(StageWaiter.class, "posting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CompletionStage<T> stage;
    @SuppressWarnings("unused") // through POSTING
    private volatile int posting;
    private T value;
    private Throwable failure;

    private StageWaiter(TaskImpl<?> task, CompletionStage<T> stage) {
        super(task, "Coro.await");
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
     * Starts waiting on {@code stage} for the running task, which must {@link #await()} next: it suspends
     * until the stage completes, or returns at once when the stage was complete already.
     */
    public static <T> StageWaiter<T> begin(TaskImpl<?> task, CompletionStage<T> stage) {
        StageWaiter<T> waiter = new StageWaiter<>(task, stage);
        stage.whenComplete(waiter);
        if (POSTING.compareAndSet(waiter, NEW, ARMED)) {
            waiter.arm();
        } else {
            waiter.run(); // complete already: no suspension, nothing posted
        }
        return waiter;
    }

    /** Any thread: the stage completed. */
    @Override
    public void accept(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
        if ((int) POSTING.getAndSet(this, COMPLETED) == ARMED) {
            // a closed loop has no task left to wake: nothing to do then
            task.loop().offerThreadsafe(this);
        }
    }

    /** On the loop: the stage's outcome. Dropped when the task's cancel let go first. */
    @Override
    public void run() {
        if (failure != null) {
            tryFail(Outcomes.unwrap(failure));
        } else {
            tryComplete(value);
        }
    }

    /** The task is cancelled: it stops waiting at once; a stage that is a {@link Future} is cancelled. */
    @Override
    protected boolean onCancel(String message) {
        if (stage instanceof Future) {
            try {
                ((Future<?>) stage).cancel(false);
            } catch (UnsupportedOperationException e) {
                // a stage that is a Future only in name (CompletableFuture.completedStage()): leave it
            }
        }
        return false;
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
