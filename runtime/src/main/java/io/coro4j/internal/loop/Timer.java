package io.coro4j.internal.loop;

/**
 * A callback due at a deadline (asyncio's {@code TimerHandle}). The loop keeps it in its
 * {@link TimerQueue} until the deadline passes, then runs it from the ready queue like any callback.
 *
 * <p>A subclass carries what the timer does in {@link #fire()} (a {@code waitFor} deadline, a timeout
 * scope's, a user's callback), so a timer costs this one object and no lambda. A sleeping task needs no
 * timer: it is a {@link Sleeper}.
 *
 * <pre>
 *   new --LoopCore.schedule--&gt; queued (slot &gt; 0) --deadline passes--&gt; ready --run--&gt; fired
 *                                  |                                        |
 *                                  +--LoopCore.cancel--&gt; cancelled &lt;-------+  (run does nothing)
 * </pre>
 */
public abstract class Timer implements Runnable {
    long deadline;
    /** The position in the timer heap + 1, or 0 when the timer is not in it. */
    int slot;
    /** While queued: the order it was set in, among the timers of equal deadline (see {@link TimerQueue}). */
    int seq;
    /** Cancelled, or fired (a timer runs once). */
    boolean cancelled;

    protected Timer() {}

    /** What the timer does when it fires. Runs on the loop thread, once, unless cancelled before. */
    protected abstract void fire();

    @Override
    public final void run() {
        if (!cancelled) {
            cancelled = true; // fired: a later cancel is a no-op
            fire();
        }
    }

    /** The loop time (nanoseconds) when the timer is due. */
    public final long deadline() {
        return deadline;
    }

    /** Whether the timer was cancelled or has fired. */
    public final boolean isDone() {
        return cancelled;
    }

    /** A timer that runs a {@link Runnable}: what {@code callLater} and {@code callAt} return. */
    static final class Action extends Timer {
        private final Runnable action;

        Action(Runnable action) {
            this.action = action;
        }

        @Override
        protected void fire() {
            action.run();
        }

        @Override
        public String toString() {
            return "Timer[" + action + " at " + deadline + "]";
        }
    }
}
