package io.coro4j.internal.loop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Callbacks posted from other threads, and the loop thread's wait for them (asyncio's self-pipe).
 *
 * <p>No post is lost: the loop sets {@link #parked} before it checks the queue a last time, and a
 * poster reads it after its offer; with both volatile, either the loop sees the callback or the poster
 * sees the flag and unparks the loop (an unpark before the park makes the park return at once).
 *
 * <p>No post is dropped unseen at close either: a post and {@link #close()} take the same lock, so a
 * post either comes before the close (and the close hands it back, to be refused) or after it (and is
 * refused at once). The loop's own drain, every turn, takes no lock.
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

    /** Guards {@link #closed} against posts: see the class comment. */
    private final Object closing = new Object();
    /** Set once, under {@link #closing}. */
    private boolean closed;
    /** The number of posts so far; written under {@link #closing}, read by the loop without the lock. */
    private volatile long posted;
    /** Loop thread: the number of posts moved to the ready queue (or handed back by {@link #close()}). */
    private long drained;

    /** Any thread. Returns false, and posts nothing, once the inbox is closed. */
    boolean post(Runnable callback) {
        synchronized (closing) {
            if (closed) {
                return false;
            }
            queue.offer(callback);
            posted++;
        }
        if (parked) {
            LockSupport.unpark(owner);
        }
        return true;
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

    /**
     * Loop thread: moves the callbacks posted before this call to the end of {@code ready}, in posting
     * order. Later ones wait for the next turn, as asyncio's turn runs only what was ready when it began:
     * a thread posting without pause cannot keep the loop draining forever.
     */
    void drainTo(ArrayDeque<Runnable> ready) {
        long upTo = posted;
        while (drained < upTo) {
            ready.add(queue.poll()); // posted counts offers already made: there is one
            drained++;
        }
    }

    /** Loop thread: refuses every later post, and returns the posts not drained yet, in posting order. */
    List<Runnable> close() {
        synchronized (closing) {
            closed = true;
        }
        List<Runnable> left = new ArrayList<>();
        Runnable r;
        while ((r = queue.poll()) != null) {
            left.add(r);
            drained++;
        }
        return left;
    }

    /** Gives back an interrupt that arrived while the loop waited. */
    void restoreInterrupt() {
        if (interrupted) {
            interrupted = false;
            Thread.currentThread().interrupt();
        }
    }
}
