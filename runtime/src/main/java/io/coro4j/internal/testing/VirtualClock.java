package io.coro4j.internal.testing;

import io.coro4j.Async;
import io.coro4j.internal.loop.Clock;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.Completion;
import io.coro4j.internal.task.TaskImpl;

import java.util.concurrent.locks.LockSupport;

/**
 * The virtual time of a test's loop (kotlinx-coroutines-test's {@code TestCoroutineScheduler}, asyncio's
 * test loop): time moves only when the loop is idle, so sleeps and timeouts take no real time and keep
 * their order.
 *
 * <p>The loop calls {@link #park} exactly when it is idle: nothing is ready, no timer is due now, and no
 * other thread has posted, so every task waits. {@code nanos} is then the time to the next timer, or
 * negative when there is none. The clock decides what idle means:
 *
 * <ul>
 *   <li>a task waits in {@link #advance} and its condition holds: the task is woken (its step joins the
 *       ready queue, so it runs in this turn, before the timers due at the time it asked for) and the
 *       clock stays, or for {@link Kind#BY} moves exactly to the time asked for;
 *   <li>otherwise, a timer waits: the clock jumps to it (the loop then finds it due);
 *   <li>otherwise nothing is timed, and only another thread can wake the loop: it really parks.
 * </ul>
 *
 * <p>The test's own time limit is a timer too; {@link #setLimit} tells the clock its deadline, and the
 * clock does not count it as work: with nothing else timed, the loop waits for other threads (the
 * real-time limit ends that wait at the latest) rather than jump to its own limit, and
 * {@link Kind#UNTIL_IDLE} is satisfied. It still fires when timers of the tasks bring the clock to it: a
 * test whose tasks keep setting timers past it times out. Virtual time is for code that waits on timers:
 * an await of another thread's work, or of a socket, does not move it, and a timer elsewhere in the loop
 * jumps ahead of that work.
 *
 * <p>The loop's thread only, apart from {@link #nanoTime} (the loop's time may be read from anywhere).
 */
final class VirtualClock implements Clock {
    /** What a task waits for in {@link #advance}. */
    enum Kind {
        /** The loop has run everything due now: kotlinx's {@code runCurrent}. */
        CURRENT,
        /** The clock has reached a time: kotlinx's {@code advanceTimeBy}. */
        BY,
        /** Nothing is left to run but the test's limit: kotlinx's {@code advanceUntilIdle}. */
        UNTIL_IDLE
    }

    /** A task waiting in {@link #advance}. */
    private static final class Advance {
        final Kind kind;
        final long target;
        final Completion<Void> woken;

        Advance(Kind kind, long target, Completion<Void> woken) {
            this.kind = kind;
            this.target = target;
            this.woken = woken;
        }
    }

    private volatile long now;
    private LoopCore loop;
    /** The deadline of the test's time limit, or {@code Long.MAX_VALUE}. */
    private long limit = Long.MAX_VALUE;
    /** The task waiting in {@link #advance}, or null. */
    private Advance waiting;

    /** The loop this clock keeps the time of; once, right after the loop is made. */
    void attach(LoopCore loop) {
        this.loop = loop;
    }

    void setLimit(long deadline) {
        limit = deadline;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void park(Object blocker, long nanos) {
        long next = nanos < 0 ? Long.MAX_VALUE : LoopCore.saturatedAdd(now, nanos);
        boolean idle = nanos < 0 || next >= limit && loop.timerCount() <= 1; // nothing timed but the limit
        Advance w = waiting;
        if (w != null && w.woken.isDone()) {
            waiting = w = null; // its task was cancelled while it waited
        }
        if (w != null && (w.kind == Kind.CURRENT || w.kind == Kind.UNTIL_IDLE && idle
                || w.kind == Kind.BY && next >= w.target)) {
            if (w.kind == Kind.BY && w.target > now) {
                now = w.target;
            }
            waiting = null;
            w.woken.complete(null);
        } else if (idle && (w == null || w.kind != Kind.BY)) {
            LockSupport.park(blocker); // only another thread can wake the loop (the real-time limit at the latest)
        } else {
            now = next; // to the next timer (for an advanceBy past the test's limit, to the limit)
        }
    }

    /**
     * Suspends the running task, a task of this clock's loop, until the loop is idle in the way
     * {@code kind} says ({@code target}: the time {@link Kind#BY} moves to).
     *
     * @param method the method asking, for errors and the task dump
     */
    @Async
    void advance(Kind kind, long target, String method) {
        TaskImpl<?> task = TaskImpl.current(method);
        if (task.loop() != loop) {
            throw new IllegalStateException(method + " was called from a task of another event loop: a"
                    + " TestClock moves the time of its own test's loop only");
        }
        if (waiting != null && !waiting.woken.isDone()) {
            throw new IllegalStateException(method + " was called while another task waits in "
                    + "TestClock." + waiting.kind.name().toLowerCase(java.util.Locale.ROOT) + ": one task at a"
                    + " time moves the clock");
        }
        Completion<Void> woken = Completion.begin(task, method);
        waiting = new Advance(kind, target, woken);
        woken.await();
    }

    /** Moves the time on by {@code nanos} at once, as code that held the loop's thread that long would. */
    void block(long nanos) {
        if (!loop.inLoopThread()) {
            throw new IllegalStateException("TestClock.blockFor is called on the loop's thread, "
                    + loop.thread().getName() + ", not on " + Thread.currentThread().getName());
        }
        now = LoopCore.saturatedAdd(now, nanos);
    }
}
