package coro4jtest.compiled;

import io.coro4j.Async;
import io.coro4j.protocol.Suspension;

/**
 * Monitors really held across a suspension: each method is refused, with its class, method and the
 * line of its one suspending call. Compiled at test time by javac and by ecj.
 */
public class SynchronizedHolds {
    private static final Object LOCK = new Object();
    private static final Object OTHER = new Object();

    @Async
    static int pause(int v) {
        Suspension.suspend();
        return v;
    }

    static int fail(int v) {
        throw new IllegalStateException("fail " + v);
    }

    @Async
    public static int heldInTheBlock() {
        synchronized (LOCK) {
            return pause(1);
        }
    }

    @Async
    public static int heldInANestedBlock() {
        synchronized (LOCK) {
            synchronized (OTHER) {
                return pause(2);
            }
        }
    }

    @Async
    public static int heldInTheOuterBlockAfterTheInnerOneEnds() {
        synchronized (LOCK) {
            synchronized (OTHER) {
                LOCK.hashCode();
            }
            return pause(3);
        }
    }

    @Async
    public static int heldInABlockInALoop() {
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            synchronized (LOCK) {
                sum += pause(i);
            }
        }
        return sum;
    }

    @Async
    public static int heldInACatchInsideTheBlock() {
        synchronized (LOCK) {
            try {
                return fail(4);
            } catch (IllegalStateException e) {
                return pause(4);
            }
        }
    }

    @Async
    public static int heldInAFinallyInsideTheBlock() {
        int n = 0;
        synchronized (LOCK) {
            try {
                n = fail(5);
            } finally {
                n += pause(5);
            }
        }
        return n;
    }

    @Async
    public static int heldAfterACaughtThrowInsideTheBlock() {
        synchronized (LOCK) {
            try {
                fail(6);
            } catch (IllegalStateException e) {
                LOCK.hashCode();
            }
            return pause(6);
        }
    }

    @Async
    public static int heldInTheBlockOfACatch() {
        try {
            return fail(7);
        } catch (IllegalStateException e) {
            synchronized (LOCK) {
                return pause(7);
            }
        }
    }
}
