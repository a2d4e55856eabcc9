package io.coro4j.protocol;

/**
 * The per-thread slot that tells rewritten code which continuation is running on this thread.
 *
 * <p>Rewritten code looks it up once per method activation (in the prologue, through
 * {@link Continuation#enter}), never per call. The lookup is a one-entry cache of the carrier seen last,
 * checked against {@link Thread#currentThread()} (an intrinsic), before the {@link ThreadLocal}: with one
 * event loop in the process it never reaches the {@code ThreadLocal}.
 */
public final class Carrier {
    private static final ThreadLocal<Carrier> CARRIERS = ThreadLocal.withInitial(Carrier::new);

    /**
     * The carrier looked up last, by any thread. Racy on purpose: {@link #thread} is final, so a reader
     * sees a fully built carrier or a stale one, and a stale one fails the thread check.
     */
    private static Carrier last;

    private final Thread thread = Thread.currentThread();

    /** The continuation whose step runs now on this thread; {@code null} between steps. */
    Continuation running;

    /** The runtime's event loop that runs on this thread, or {@code null}; opaque to the protocol. */
    private Object loop;

    private Carrier() {}

    /** The carrier of the calling thread. */
    public static Carrier get() {
        Carrier k = last;
        if (k != null && k.thread == Thread.currentThread()) {
            return k;
        }
        k = CARRIERS.get();
        last = k;
        return k;
    }

    /** The continuation running on this thread now, or {@code null}. */
    public Continuation running() {
        return running;
    }

    /**
     * Makes {@code next} the running continuation of this thread and returns the one it replaces. The
     * runtime calls it around each task step; nothing else may.
     */
    public Continuation switchTo(Continuation next) {
        Continuation previous = running;
        running = next;
        return previous;
    }

    /** The event loop that runs on this thread, as the runtime stored it. */
    public Object loop() {
        return loop;
    }

    /** Stores the event loop that runs on this thread ({@code null} when it stops). Runtime only. */
    public void setLoop(Object loop) {
        this.loop = loop;
    }
}
