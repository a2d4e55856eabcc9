package coro4jtest.shapes;

import io.coro4j.Async;
import io.coro4j.protocol.Suspension;

/**
 * The leaves of every shape: each suspends once, then returns its argument. In the un-rewritten
 * reference copy {@link #direct} is set and they return at once, so a shape run both ways must give the
 * same result.
 */
public final class Pauses {
    private Pauses() {}

    /** True in the un-rewritten reference copy: the pauses then never suspend. */
    public static boolean direct;

    @Async
    public static int pause(int v) {
        if (direct) {
            return v;
        }
        Suspension.suspend();
        return v;
    }

    @Async
    public static long pauseLong(long v) {
        if (direct) {
            return v;
        }
        Suspension.suspend();
        return v;
    }

    @Async
    public static double pauseDouble(double v) {
        if (direct) {
            return v;
        }
        Suspension.suspend();
        return v;
    }

    @Async
    public static float pauseFloat(float v) {
        if (direct) {
            return v;
        }
        Suspension.suspend();
        return v;
    }

    @Async
    public static boolean pauseBoolean(boolean v) {
        if (direct) {
            return v;
        }
        Suspension.suspend();
        return v;
    }

    @Async
    public static char pauseChar(char v) {
        if (direct) {
            return v;
        }
        Suspension.suspend();
        return v;
    }

    @Async
    public static <T> T pauseRef(T v) {
        if (direct) {
            return v;
        }
        Suspension.suspend();
        return v;
    }

    @Async
    public static void pauseVoid() {
        if (!direct) {
            Suspension.suspend();
        }
    }
}
