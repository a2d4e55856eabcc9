package io.coro4j.sync;

import io.coro4j.internal.task.Completion;

import java.util.ArrayDeque;

/** A FIFO deque of waiting tasks (asyncio's {@code collections.deque} of futures), with its few queries. */
final class Waiters extends ArrayDeque<Completion<Void>> {
    private static final long serialVersionUID = 1L;

    /** Wakes the first waiter if it is not done yet (asyncio's {@code Lock._wake_up_first}). */
    void wakeFirst() {
        Completion<Void> first = peekFirst();
        if (first != null) {
            first.tryComplete(null);
        }
    }

    /**
     * Removes waiters from the front until one that is not done was woken (asyncio's
     * {@code Queue._wakeup_next}).
     */
    void popAndWakeNext() {
        Completion<Void> w;
        while ((w = pollFirst()) != null) {
            if (w.tryComplete(null)) {
                return;
            }
        }
    }

    /** Whether every waiter was cancelled (true when there is none). */
    boolean allCancelled() {
        for (Completion<Void> w : this) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }
}
