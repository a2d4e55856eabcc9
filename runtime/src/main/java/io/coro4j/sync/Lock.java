package io.coro4j.sync;

import io.coro4j.Async;
import io.coro4j.internal.task.Completion;

import java.util.concurrent.CancellationException;

/**
 * A mutual-exclusion lock for the tasks of one event loop (asyncio's {@code asyncio.Lock}). Not owned by a
 * task: any task or callback of the loop may release it. Fair: waiters acquire it in the order they
 * started waiting.
 *
 * <pre>{@code
 * try (var held = lock.hold()) {      // async with lock:
 *     ...
 * }
 * }</pre>
 *
 * <h2>States ({@link #locked} and the waiters)</h2>
 *
 * <pre>
 *   unlocked --acquire(), no waiter that is not cancelled--&gt; locked
 *   locked   --release(): unlocked, the first waiter woken--&gt; unlocked until that waiter runs, which
 *                                                             takes it (newcomers queue behind it)
 *   a woken waiter cancelled before it ran --&gt; it wakes the next one (asyncio's _wake_up_first)
 * </pre>
 *
 * <p>Bound to the loop that first uses it (see the {@linkplain io.coro4j.sync package}).
 */
public final class Lock {
    private final LoopBinding binding = new LoopBinding(this);
    private final Waiters waiters = new Waiters();
    /** Whether a task holds the lock. */
    private boolean locked;

    /** An unlocked lock (asyncio's {@code Lock()}). */
    public Lock() {}

    /**
     * Acquires the lock, waiting while it is held or while earlier waiters are queued (asyncio's
     * {@code await lock.acquire()}). A task cancelled while it waits throws
     * {@link CancellationException} and does not hold the lock; if it had been woken to take it, the next
     * waiter is woken instead.
     */
    @Async
    public void acquire() {
        binding.check();
        if (!locked && waiters.allCancelled()) {
            locked = true;
            return;
        }
        Completion<Void> waiter = Completion.begin("io.coro4j.sync.Lock.acquire");
        waiters.add(waiter);
        try {
            try {
                waiter.await();
            } finally {
                waiters.remove(waiter);
            }
        } catch (CancellationException e) {
            if (!locked) {
                waiters.wakeFirst();
            }
            throw e;
        }
        locked = true;
    }

    /**
     * {@link #acquire()}, then a {@link Held} whose {@code close()} releases the lock: asyncio's
     * {@code async with lock:} as {@code try (var held = lock.hold()) { ... }}.
     */
    @Async
    public Held hold() {
        acquire();
        return new Held(this::release);
    }

    /**
     * Releases the lock and wakes the first waiter (asyncio's {@code lock.release()}).
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void release() {
        binding.check();
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired");
        }
        locked = false;
        waiters.wakeFirst();
    }

    /** Whether the lock is held (asyncio's {@code lock.locked()}). */
    public boolean isLocked() {
        binding.check();
        return locked;
    }

    @Override
    public String toString() {
        return "Lock[" + (locked ? "locked" : "unlocked") + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size())
                + "]";
    }
}
