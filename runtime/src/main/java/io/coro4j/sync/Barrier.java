package io.coro4j.sync;

import io.coro4j.Async;

/**
 * A meeting point for a fixed number of tasks (asyncio's {@code asyncio.Barrier}, Python 3.11): each
 * task calls {@link #await()}, which waits until {@link #parties()} tasks have arrived, and then all go on
 * together; the barrier is reused for the next round. Built, as asyncio's, on a {@link Condition}.
 *
 * <h2>States ({@link #state})</h2>
 *
 * <pre>
 *   FILLING --the last party arrives--&gt; DRAINING --the last party has left--&gt; FILLING (next round)
 *      |  \                                                 (arrivals wait while it drains)
 *      |   +--reset() with tasks waiting--&gt; RESETTING --they have left (BrokenBarrierException)--&gt; FILLING
 *      +--abort() (from any state)--&gt; BROKEN: every waiting and later await() throws; reset() repairs it
 * </pre>
 *
 * <p>A task cancelled while it waits leaves the barrier (the count goes down) and throws
 * {@link java.util.concurrent.CancellationException}. Bound to the loop that first uses it (see the
 * {@linkplain io.coro4j.sync package}).
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    /** See the class comment. */
    private State state = State.FILLING;
    /** Tasks inside {@link #await()}: waiting while FILLING, leaving while DRAINING or RESETTING. */
    private int count;

    /**
     * A barrier for {@code parties} tasks (asyncio's {@code Barrier(parties)}).
     *
     * @throws IllegalArgumentException when {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0, not " + parties);
        }
        this.parties = parties;
    }

    /**
     * Waits until {@link #parties()} tasks are waiting, then returns this task's arrival index, from 0 to
     * {@code parties - 1} (asyncio's {@code await barrier.wait()}). A task arriving while the previous
     * round drains waits for it to end.
     *
     * @throws BrokenBarrierException when the barrier is broken ({@link #abort()}) or is reset while this
     *     task waits
     */
    @Async
    public int await() {
        cond.acquire();
        try {
            block();
            int index = count++;
            try {
                if (index + 1 == parties) {
                    release();
                } else {
                    waitReleased();
                }
                return index;
            } finally {
                count--;
                exit();
            }
        } finally {
            cond.release();
        }
    }

    /** Waits while the previous round drains or resets; fails when broken. */
    @Async
    private void block() {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
        if (state == State.BROKEN) {
            throw new BrokenBarrierException("Barrier aborted");
        }
    }

    /** The last party arrived: everyone goes. */
    private void release() {
        state = State.DRAINING;
        cond.signalAll();
    }

    /** Waits for the last party; fails when the barrier is reset or broken meanwhile. */
    @Async
    private void waitReleased() {
        cond.waitFor(() -> state != State.FILLING);
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierException("Abort or reset of barrier");
        }
    }

    /** The last task out of a draining or resetting round opens the next one. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.signalAll();
        }
    }

    /**
     * Returns the barrier to its empty state (asyncio's {@code await barrier.reset()}): tasks waiting in it
     * get {@link BrokenBarrierException}; a broken barrier is usable again.
     */
    @Async
    public void reset() {
        cond.acquire();
        try {
            if (count > 0) {
                if (state != State.RESETTING) {
                    state = State.RESETTING;
                }
            } else {
                state = State.FILLING;
            }
            cond.signalAll();
        } finally {
            cond.release();
        }
    }

    /**
     * Breaks the barrier (asyncio's {@code await barrier.abort()}): tasks waiting in it, and every later
     * {@link #await()}, get {@link BrokenBarrierException}, until {@link #reset()}.
     */
    @Async
    public void abort() {
        cond.acquire();
        try {
            state = State.BROKEN;
            cond.signalAll();
        } finally {
            cond.release();
        }
    }

    /** The number of tasks it takes to pass the barrier (asyncio's {@code parties}). */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting in the filling round (asyncio's {@code n_waiting}). */
    public int waiting() {
        cond.isLocked(); // the loop check
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken (asyncio's {@code broken}). */
    public boolean isBroken() {
        cond.isLocked(); // the loop check
        return state == State.BROKEN;
    }

    @Override
    public String toString() {
        return "Barrier[" + state.name().toLowerCase() + (state == State.BROKEN ? "" : ", waiters=" + count + "/" + parties)
                + "]";
    }
}
