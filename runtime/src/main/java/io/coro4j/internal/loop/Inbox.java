package io.coro4j.internal.loop;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Callbacks posted from other threads, and the loop thread's wait for them (asyncio's self-pipe).
 *
 * <p>No post is lost: the loop sets {@link #parked} before it checks the queue a last time, and a
 * poster reads it after its offer; with both volatile, either the loop sees the callback or the poster
 * sees the flag and unparks the loop (an unpark before the park makes the park return at once).
 */
final class Inbox {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread owner;
    private volatile boolean parked;
    /** The loop thread was interrupted while waiting: the flag is given back when the loop stops. */
    private boolean interrupted;

    Inbox(Thread owner) {
        this.owner = owner;
    }

    /** Any thread. */
    void post(Runnable callback) {
        queue.offer(callback);
        if (parked) {
            LockSupport.unpark(owner);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Loop thread: waits up to {@code nanos} (forever when negative) for a post. */
    void await(long nanos, Clock clock) {
        if (nanos == 0) {
            return;
        }
        parked = true;
        try {
            if (queue.isEmpty()) {
                clock.park(this, nanos);
                // an interrupt would make every later park return at once: keep it for later instead
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        } finally {
            parked = false;
        }
    }

    /** Loop thread: moves every posted callback to the end of {@code ready}, in posting order. */
    void drainTo(ArrayDeque<Runnable> ready) {
        Runnable r;
        while ((r = queue.poll()) != null) {
            ready.add(r);
        }
    }

    void clear() {
        queue.clear();
    }

    /** Gives back an interrupt that arrived while the loop waited. */
    void restoreInterrupt() {
        if (interrupted) {
            interrupted = false;
            Thread.currentThread().interrupt();
        }
    }
}
