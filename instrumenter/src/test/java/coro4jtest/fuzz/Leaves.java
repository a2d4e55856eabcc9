package coro4jtest.fuzz;

import io.coro4j.Async;
import io.coro4j.instrument.support.RoundRobin;
import io.coro4j.protocol.Suspension;

/**
 * The suspension points of generated programs. Each loader gets its own copy of this class: in the
 * reference copy (as compiled) {@link #direct} is set and the leaves return at once, in the rewritten
 * copy they really suspend. Either way they return the same values and throw the same exceptions, so
 * a program's result must not depend on which copy runs it.
 */
public final class Leaves {
    /** True in the un-rewritten reference copy: nothing suspends. */
    public static boolean direct;

    private Leaves() {}

    @Async
    private static void suspend() {
        if (!direct) {
            Suspension.suspend();
        }
    }

    /** Suspends only for some values: a suspension point that may or may not suspend at run time. */
    @Async
    private static void suspendIf(long value, int salt) {
        if (((value ^ salt) & 1) == 0) {
            suspend();
        }
    }

    @Async
    public static int pI(int v) {
        suspend();
        return v;
    }

    @Async
    public static long pJ(long v) {
        suspend();
        return v;
    }

    @Async
    public static double pD(double v) {
        suspend();
        return v;
    }

    @Async
    public static float pF(float v) {
        suspend();
        return v;
    }

    @Async
    public static boolean pZ(boolean v) {
        suspend();
        return v;
    }

    @Async
    public static char pC(char v) {
        suspend();
        return v;
    }

    @Async
    public static byte pB(byte v) {
        suspend();
        return v;
    }

    @Async
    public static short pS(short v) {
        suspend();
        return v;
    }

    @Async
    public static String pStr(String v) {
        suspend();
        return v;
    }

    @Async
    public static int[] pArr(int[] v) {
        suspend();
        return v;
    }

    /** Generic: the caller casts the result (for objects; generic calls are slow for javac to infer). */
    @Async
    public static <T> T pR(T v) {
        suspend();
        return v;
    }

    @Async
    public static int mI(int v, int salt) {
        suspendIf(v, salt);
        return v;
    }

    @Async
    public static long mJ(long v, int salt) {
        suspendIf(v, salt);
        return v;
    }

    @Async
    public static double mD(double v, int salt) {
        suspendIf((long) v, salt);
        return v;
    }

    @Async
    public static String mStr(String v, int salt) {
        suspendIf(v.length(), salt);
        return v;
    }

    /** A statement-level suspension point. */
    @Async
    public static void tick() {
        suspend();
    }

    /**
     * Suspends, and the resume throws {@code GenException(code)} out of the suspension point (how a
     * cancellation arrives); the reference copy throws it at once.
     */
    @Async
    public static int boom(int code) {
        if (direct) {
            throw new GenException(code);
        }
        RoundRobin.failNextResume(new GenException(code));
        Suspension.suspend();
        throw new IllegalStateException("the resume did not deliver GenException(" + code + ")");
    }

    /** Suspends, then throws {@code OtherException(code)} right after the resume. */
    @Async
    public static int failAfter(int code) {
        suspend();
        throw new OtherException(code);
    }

    /** {@code Math.floorMod(int, int)} without its overloads (they slow javac down on nested arguments). */
    public static int mod(int x, int y) {
        return Math.floorMod(x, y);
    }

    /** {@code Arrays.toString(int[])} without its overloads. */
    public static String show(int[] a) {
        return java.util.Arrays.toString(a);
    }

    /** A plain method with many argument types: values of every kind stay under a suspending call. */
    public static int mix(int i, long j, double d, float f, boolean z, char c, String s) {
        long h = i * 31L + j;
        h = h * 31 + Double.hashCode(d);
        h = h * 31 + Float.hashCode(f);
        h = h * 31 + (z ? 1 : 0);
        h = h * 31 + c;
        h = h * 31 + s.hashCode();
        return (int) (h ^ (h >>> 32));
    }
}
