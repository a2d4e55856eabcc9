package io.coro4j.sync;

import io.coro4j.Async;
import io.coro4j.internal.task.Completion;

import java.util.concurrent.CancellationException;

/**
 * A counter of permits for the tasks of one event loop (asyncio's {@code asyncio.Semaphore}):
 * {@link #acquire()} takes one, waiting while there is none; {@link #release()} gives one back. Fair:
 * while tasks wait, a newcomer queues behind them even if a permit is free.
 *
 * <h2>The counter ({@link #value}) and the waiters</h2>
 *
 * <p>{@code release()} adds a permit and, if a waiter is pending, hands it that permit at once (the
 * counter goes back down and the waiter is woken). A woken waiter cancelled before it ran gives its permit
 * back; every acquire that ends, however it ends, wakes as many pending waiters as there are free permits
 * (asyncio 3.13's logic).
 *
 * <p>Bound to the loop that first uses it (see the {@linkplain io.coro4j.sync package}).
 */
public class Semaphore {
    private final LoopBinding binding = new LoopBinding(this);
    private final Waiters waiters = new Waiters();
    /** Free permits, not counting those handed to woken waiters that have not run yet. */
    int value;

    /** A semaphore with one permit (asyncio's {@code Semaphore()}). */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code permits} permits (asyncio's {@code Semaphore(value)}).
     *
     * @throws IllegalArgumentException when {@code permits} is negative
     */
    public Semaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, not " + permits);
        }
        this.value = permits;
    }

    /**
     * Whether {@link #acquire()} would wait: no permit is free, or tasks are waiting (asyncio's
     * {@code locked()}).
     */
    public boolean isLocked() {
        binding.check();
        return locked();
    }

    private boolean locked() {
        return value == 0 || !waiters.allCancelled();
    }

    /** The free permits. */
    public int availablePermits() {
        binding.check();
        return value;
    }

    /**
     * Takes a permit, waiting for one in FIFO order (asyncio's {@code await semaphore.acquire()}). A task
     * cancelled while it waits throws {@link CancellationException} and holds no permit.
     */
    @Async
    public void acquire() {
        binding.check();
        if (!locked()) {
            value--;
            return;
        }
        Completion<Void> waiter = Completion.begin("io.coro4j.sync.Semaphore.acquire");
        waiters.add(waiter);
        try {
            try {
                try {
                    waiter.await();
                } finally {
                    waiters.remove(waiter);
                }
            } catch (CancellationException e) {
                if (waiter.isDone() && !waiter.isCancelled()) {
                    value++; // it was handed a permit it will not use
                }
                throw e;
            }
        } finally {
            // newcomers may have queued behind this task while permits were free: wake as many as allowed
            while (value > 0 && wakeUpNext()) {
                // woke one
            }
        }
    }

    /**
     * {@link #acquire()}, then a {@link Held} whose {@code close()} releases the permit: asyncio's
     * {@code async with semaphore:}.
     */
    @Async
    public Held hold() {
        acquire();
        return new Held(this::release);
    }

    /** Gives a permit back and wakes the first waiter (asyncio's {@code semaphore.release()}). */
    public void release() {
        binding.check();
        value++;
        wakeUpNext();
    }

    /** Hands a permit to the first pending waiter; false when there is none. */
    private boolean wakeUpNext() {
        for (Completion<Void> w : waiters) {
            if (!w.isDone()) {
                value--;
                w.tryComplete(null);
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (value == 0 ? "locked" : "unlocked, value=" + value)
                + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size()) + "]";
    }
}
