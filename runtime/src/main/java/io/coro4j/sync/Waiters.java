package io.coro4j.sync;

import io.coro4j.internal.task.Waiter;

import java.util.ArrayDeque;

/** A FIFO deque of waiting tasks (asyncio's {@code collections.deque} of futures), with its few queries. */
final class Waiters extends ArrayDeque<Waiter> {
    private static final long serialVersionUID = 1L;

    /** Wakes the first waiter if it is not done yet (asyncio's {@code Lock._wake_up_first}). */
    void wakeFirst() {
        Waiter first = peekFirst();
        if (first != null) {
            first.wake();
        }
    }

    /**
     * Removes waiters from the front until one that is not done was woken (asyncio's
     * {@code Queue._wakeup_next}).
     */
    void popAndWakeNext() {
        Waiter w;
        while ((w = pollFirst()) != null) {
            if (w.wake()) {
                return;
            }
        }
    }

    /** Whether every waiter was cancelled (true when there is none). */
    boolean allCancelled() {
        for (Waiter w : this) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }
}
