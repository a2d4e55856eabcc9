package coro4jtest.fuzz;

import io.coro4j.Async;
import java.util.Arrays;
import java.util.Objects;

/**
 * Methods with many parameters of every type, for calls whose arguments each suspend
 * ({@link PendingOperands}): a plain one, a coroutine one, a coroutine instance one, and one with
 * {@code null}s around a value. Each loader has its own copy (its coroutine methods are rewritten), so
 * it uses only public classes. {@link PendingOperands#WIDE_PARAMETERS} lists the parameter types.
 */
public final class Wide {
    public static int mixed(int a0, long a1, double a2, String a3, Object a4, float a5, boolean a6, char a7,
                            byte a8, short a9, int[] a10, Pair a11, int a12, long a13, double a14, String a15,
                            Object a16, int a17, long a18, String a19) {
        long h = a0;
        h = h * 31 + a1;
        h = h * 31 + Double.hashCode(a2);
        h = h * 31 + Objects.hashCode(a3);
        h = h * 31 + Objects.hashCode(a4);
        h = h * 31 + Float.hashCode(a5);
        h = h * 31 + (a6 ? 1 : 2);
        h = h * 31 + a7;
        h = h * 31 + a8;
        h = h * 31 + a9;
        h = h * 31 + Arrays.hashCode(a10);
        h = h * 31 + Objects.hashCode(a11);
        h = h * 31 + a12;
        h = h * 31 + a13;
        h = h * 31 + Double.hashCode(a14);
        h = h * 31 + Objects.hashCode(a15);
        h = h * 31 + Objects.hashCode(a16);
        h = h * 31 + a17;
        h = h * 31 + a18;
        h = h * 31 + Objects.hashCode(a19);
        return (int) (h ^ (h >>> 32));
    }

    /** {@link #mixed}, suspending first with all its parameters live. */
    @Async
    public static int mixedAsync(int a0, long a1, double a2, String a3, Object a4, float a5, boolean a6, char a7,
                                 byte a8, short a9, int[] a10, Pair a11, int a12, long a13, double a14,
                                 String a15, Object a16, int a17, long a18, String a19) {
        Leaves.tick();
        return mixed(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19);
    }

    /** {@link #mixedAsync} on a receiver (which may have the null type at the call). */
    @Async
    public int mixedOn(int a0, long a1, double a2, String a3, Object a4, float a5, boolean a6, char a7, byte a8,
                       short a9, int[] a10, Pair a11, int a12, long a13, double a14, String a15, Object a16,
                       int a17, long a18, String a19) {
        return mixedAsync(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18,
                a19) + 1;
    }

    /** A value between two references that are often {@code null} literals (the null type). */
    public static int between(Object before, int value, Object after) {
        return value * 4 + (before == null ? 1 : 0) + (after == null ? 2 : 0);
    }
}
