package io.coro4j.sync;

import io.coro4j.Async;
import io.coro4j.internal.task.Completion;

/**
 * A flag that tasks wait to be set (asyncio's {@code asyncio.Event}). {@link #set()} wakes every task
 * waiting, in the order they started waiting; while the flag is set, {@link #await()} returns at once.
 *
 * <p>Bound to the loop that first uses it (see the {@linkplain io.coro4j.sync package}).
 */
public final class Event {
    private final LoopBinding binding = new LoopBinding(this);
    private final Waiters waiters = new Waiters();
    private boolean value;

    /** An event not set (asyncio's {@code Event()}). */
    public Event() {}

    /** An event already set when {@code set} (for {@code Queue}'s join, made before any loop runs). */
    Event(boolean set) {
        this.value = set;
    }

    /** Whether the flag is set (asyncio's {@code event.is_set()}). */
    public boolean isSet() {
        binding.check();
        return value;
    }

    /** Sets the flag and wakes every waiting task (asyncio's {@code event.set()}). */
    public void set() {
        binding.check();
        if (!value) {
            value = true;
            for (Completion<Void> w : waiters) {
                w.tryComplete(null);
            }
        }
    }

    /** Clears the flag: later {@link #await()} calls wait for the next {@link #set()} (asyncio's {@code clear()}). */
    public void clear() {
        binding.check();
        value = false;
    }

    /**
     * Waits until the flag is set; returns at once when it is (asyncio's {@code await event.wait()}; named
     * {@code await} because {@code Object.wait()} is final). A task woken by {@code set()} returns even if
     * the flag was cleared again before it ran.
     */
    @Async
    public void await() {
        binding.check();
        if (value) {
            return;
        }
        Completion<Void> waiter = Completion.begin("io.coro4j.sync.Event.await");
        waiters.add(waiter);
        try {
            waiter.await();
        } finally {
            waiters.remove(waiter);
        }
    }

    @Override
    public String toString() {
        return "Event[" + (value ? "set" : "unset") + (waiters.isEmpty() ? "" : ", waiters=" + waiters.size()) + "]";
    }
}
