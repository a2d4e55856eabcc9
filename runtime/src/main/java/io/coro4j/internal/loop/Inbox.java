package io.coro4j.internal.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Callbacks posted from other threads, and the loop thread's wait for them (asyncio's self-pipe).
 *
 * <p>No post is lost: the loop says how it waits in {@link #waiting} before it checks the queue a last
 * time, and a poster reads it after its offer; with both volatile, either the loop sees the callback or
 * the poster sees the loop waiting and wakes it: an unpark when it parks (an unpark before the park makes
 * the park return at once), {@link IoPoller#wakeup()} when it selects (likewise for the select). A poster
 * finds the loop awake most of the time, and then costs neither (Netty's {@code nextWakeupNanos}): in
 * particular, no {@code Selector.wakeup()}, a system call, unless the loop really selects. The first
 * poster to find it waiting swaps in AWAKE, so a burst of posts wakes a selecting loop once.
 *
 * <p>No post is dropped unseen at close either: a post and {@link #close()} take the same lock, so a
 * post either comes before the close (and the close hands it back, to be refused) or after it (and is
 * refused at once). The loop's own drain, every turn, takes no lock.
 */
final class Inbox {
    /** {@link #waiting}: the loop runs (or is about to look at the queue again). */
    private static final int AWAKE = 0;
    /** {@link #waiting}: the loop parks (no selector). */
    private static final int PARKED = 1;
    /** {@link #waiting}: the loop selects. */
    private static final int SELECTING = 2;
    private static final VarHandle WAITING;

    static {
        try {
            WAITING = MethodHandles.lookup().findVarHandle(Inbox.class, "waiting", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread owner;
    /** AWAKE, PARKED or SELECTING: how the loop waits, if it does. See the class comment. */
    private volatile int waiting;
    /** The loop's selector once it has one; written before any SELECTING, read after it. */
    private IoPoller io;
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
        if (waiting != AWAKE) {
            wake();
        }
        return true;
    }

    /** A poster found the loop waiting: the first to swap in AWAKE wakes it, the way it waits. */
    private void wake() {
        int w = (int) WAITING.getAndSet(this, AWAKE);
        if (w == PARKED) {
            LockSupport.unpark(owner);
        } else if (w == SELECTING) {
            io.wakeup();
        }
    }

    /** Loop thread: from now on the loop waits on {@code poller}'s selector. */
    void useSelector(IoPoller poller) {
        this.io = poller;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Loop thread: waits up to {@code nanos} (forever when negative) for a post. */
    void await(long nanos, Clock clock) {
        if (nanos == 0) {
            return;
        }
        waiting = PARKED;
        try {
            if (queue.isEmpty()) {
                clock.park(this, nanos);
                keepInterrupt();
            }
        } finally {
            waiting = AWAKE;
        }
    }

    /**
     * Loop thread: waits up to {@code nanos} (forever when negative; not at all when 0) for a post or for
     * I/O, on the selector, which collects the ready channels.
     */
    void awaitIo(long nanos, Clock clock) {
        if (nanos == 0) {
            io.select(0, clock, this);
            return;
        }
        waiting = SELECTING;
        try {
            io.select(queue.isEmpty() ? nanos : 0, clock, this);
            keepInterrupt();
        } finally {
            waiting = AWAKE;
        }
    }

    /** An interrupt would make every later park or select return at once: keep it for later instead. */
    private void keepInterrupt() {
        if (Thread.interrupted()) {
            interrupted = true;
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
