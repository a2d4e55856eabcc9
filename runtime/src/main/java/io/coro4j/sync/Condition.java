package io.coro4j.sync;

import io.coro4j.Async;
import io.coro4j.internal.task.Completion;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A condition variable over a {@link Lock} (asyncio's {@code asyncio.Condition}): a task holding the lock
 * waits with {@link #await()}, which releases the lock, waits to be signalled and takes the lock back;
 * another task holding the lock wakes waiters with {@link #signal()} or {@link #signalAll()}. Java's names
 * ({@link java.util.concurrent.locks.Condition}'s) stand for asyncio's {@code wait}, {@code notify} and
 * {@code notify_all}, which {@code Object} already declares final.
 *
 * <p>Waiters are signalled in the order they started waiting. A waiter cancelled while it waits still
 * takes the lock back before it throws {@link CancellationException}, and a signal it received is passed
 * on to the next waiter (asyncio 3.13: a spurious wake-up, which the protocol allows, rather than a lost
 * one). Bound to the loop that first uses it (see the {@linkplain io.coro4j.sync package}).
 */
public final class Condition {
    private final LoopBinding binding = new LoopBinding(this);
    private final Lock lock;
    private final Waiters waiters = new Waiters();

    /** A condition over a new lock (asyncio's {@code Condition()}). */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock} (asyncio's {@code Condition(lock)}). */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** {@link Lock#acquire()} of the underlying lock. */
    @Async
    public void acquire() {
        lock.acquire();
    }

    /** {@link Lock#hold()} of the underlying lock: {@code async with condition:}. */
    @Async
    public Held hold() {
        return lock.hold();
    }

    /** {@link Lock#release()} of the underlying lock. */
    public void release() {
        lock.release();
    }

    /** {@link Lock#isLocked()} of the underlying lock. */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * Releases the lock, waits until signalled, and acquires the lock again before it returns or throws
     * (asyncio's {@code await condition.wait()}).
     *
     * @throws IllegalStateException when the lock is not held
     * @throws CancellationException when the task was cancelled; it holds the lock again
     */
    @Async
    public void await() {
        binding.check();
        if (!lock.isLocked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        lock.release();
        try {
            try {
                Completion<Void> waiter = Completion.begin("io.coro4j.sync.Condition.await");
                waiters.add(waiter);
                try {
                    waiter.await();
                } finally {
                    waiters.remove(waiter);
                }
            } finally {
                reacquire();
            }
        } catch (Throwable e) {
            // may have come after this task was signalled: signal another one instead (asyncio 3.13)
            wake(1);
            throw e;
        }
    }

    /** Takes the lock back even through cancellations, then rethrows the last one (asyncio's loop). */
    @Async
    private void reacquire() {
        CancellationException cancelled = null;
        while (true) {
            try {
                lock.acquire();
                break;
            } catch (CancellationException e) {
                cancelled = e;
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * Waits until {@code predicate} is true (asyncio's {@code await condition.wait_for(predicate)}): checks
     * it, then {@link #await()}s and checks it again after each signal. The lock must be held; it is held
     * when this returns. The predicate is a plain function: it must not suspend.
     */
    @Async
    public void waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        while (!predicate.getAsBoolean()) {
            await();
        }
    }

    /** {@link #signal(int)} of one waiter (asyncio's {@code condition.notify()}). */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, the first ones to wait (asyncio's {@code condition.notify(n)}).
     * They return from {@code await()} once they have the lock again, so the caller should release it.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void signal(int n) {
        binding.check();
        if (!lock.isLocked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        wake(n);
    }

    /** Wakes every waiting task (asyncio's {@code condition.notify_all()}). */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    private void wake(int n) {
        int woken = 0;
        for (Completion<Void> w : waiters) {
            if (woken >= n) {
                break;
            }
            if (w.tryComplete(null)) {
                woken++;
            }
        }
    }

    @Override
    public String toString() {
        return "Condition[" + lock + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size()) + "]";
    }
}
