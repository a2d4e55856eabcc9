package coro4jtest.scale;

import io.coro4j.Async;
import io.coro4j.instrument.support.RoundRobin;
import io.coro4j.protocol.Suspension;

/**
 * The suspending operands of {@link ManySuspendingOperandsTest}'s generated methods, one per value
 * type. Each loader has its own copy: as compiled ({@link #direct}) nothing suspends; rewritten, every
 * operand suspends, and the one numbered {@link #failAt} is resumed with an {@link OperandFailed}
 * (as compiled, it throws it at once).
 */
public final class Operands {
    /** True in the copy as compiled: nothing suspends. */
    public static boolean direct;
    /** The operand whose resume throws, or -1. */
    public static int failAt = -1;

    private Operands() {}

    @Async
    private static void suspend(int k) {
        if (k == failAt) {
            if (direct) {
                throw new OperandFailed(k);
            }
            RoundRobin.failNextResume(new OperandFailed(k));
            Suspension.suspend();
            throw new IllegalStateException("the resume did not deliver OperandFailed(" + k + ")");
        }
        if (!direct) {
            Suspension.suspend();
        }
    }

    @Async
    public static int i(int k) {
        suspend(k);
        return k * 7 - 3;
    }

    @Async
    public static long j(int k) {
        suspend(k);
        return k * 1_000_000_007L;
    }

    @Async
    public static double d(int k) {
        suspend(k);
        return k + 0.25;
    }

    @Async
    public static float f(int k) {
        suspend(k);
        return k * 0.5f;
    }

    @Async
    public static boolean z(int k) {
        suspend(k);
        return k % 3 == 0;
    }

    @Async
    public static char c(int k) {
        suspend(k);
        return (char) ('a' + k % 26);
    }

    @Async
    public static String s(int k) {
        suspend(k);
        return "s" + k;
    }

    /** A null reference of a reference type. */
    @Async
    public static Object n(int k) {
        suspend(k);
        return null;
    }
}
