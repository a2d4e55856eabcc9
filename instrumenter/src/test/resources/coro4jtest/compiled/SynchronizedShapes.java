package coro4jtest.compiled;

import io.coro4j.Async;
import io.coro4j.protocol.Suspension;
import java.util.ArrayList;
import java.util.List;

/**
 * Synchronized blocks left every way there is (the end, a throw caught outside, a return, a break, a
 * continue, nested, in a loop), each followed by a suspension: none holds a monitor across it, so all
 * are rewritten. Compiled at test time by javac and by ecj, whose shapes differ.
 */
public class SynchronizedShapes {
    public static boolean direct;

    private static final Object LOCK = new Object();
    private static final Object OTHER = new Object();

    @Async
    static int pause(int v) {
        if (!direct) {
            Suspension.suspend();
        }
        return v;
    }

    static int fail(int v) {
        if (v >= 0) {
            throw new IllegalStateException("fail " + v);
        }
        return v;
    }

    @Async
    public static Object shapeThrowInsideCaughtOutsideThenSuspend() {
        int n = 0;
        try {
            synchronized (LOCK) {
                n++;
                if (n > 0) {
                    throw new IllegalStateException("inside");
                }
            }
        } catch (IllegalStateException e) {
            n += 10;
        }
        return n + pause(1);
    }

    @Async
    public static Object shapeSuspendInTheCatchOfAThrowInside() {
        try {
            synchronized (LOCK) {
                fail(3);
            }
            return "not thrown";
        } catch (IllegalStateException e) {
            return e.getMessage() + pause(2);
        }
    }

    @Async
    public static Object shapeSuspendInTheFinallyOfAThrowInside() {
        List<String> seen = new ArrayList<>();
        try {
            try {
                synchronized (LOCK) {
                    seen.add("in");
                    fail(4);
                }
            } finally {
                seen.add("finally " + pause(4));
            }
        } catch (IllegalStateException e) {
            seen.add(e.getMessage());
        }
        seen.add("after " + pause(5));
        return seen;
    }

    @Async
    public static Object shapeCatchAnyOutsideAThrowInside() {
        int n = 0;
        try {
            synchronized (LOCK) {
                n += fail(1);
            }
        } catch (Throwable t) {
            n += pause(7);
        }
        return n;
    }

    @Async
    public static Object shapeReturnInsideThenSuspend() {
        return returnInside(0) + "," + returnInside(5);
    }

    @Async
    static int returnInside(int k) {
        synchronized (LOCK) {
            if (k > 0) {
                return k;
            }
        }
        return pause(-1);
    }

    @Async
    public static Object shapeReturnAValueComputedInsideAfterASuspension() {
        int before = pause(3);
        synchronized (LOCK) {
            return before * 2;
        }
    }

    @Async
    public static Object shapeBreakAndContinueOutOfABlockInALoop() {
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            synchronized (LOCK) {
                if (i == 1) {
                    continue;
                }
                if (i == 4) {
                    break;
                }
                sum += i;
            }
            sum += pause(i * 10);
        }
        return sum + pause(1000);
    }

    @Async
    public static Object shapeLabelledBreakOutOfNestedLoopsFromNestedBlocks() {
        int sum = 0;
        outer:
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                synchronized (LOCK) {
                    synchronized (OTHER) {
                        if (i == 1 && j == 1) {
                            break outer;
                        }
                        if (j == 2) {
                            continue outer;
                        }
                        sum += i * 3 + j;
                    }
                }
                sum += pause(100);
            }
        }
        return sum + pause(1);
    }

    @Async
    public static Object shapeNestedBlocksThrowingThroughBoth() {
        String result;
        try {
            synchronized (LOCK) {
                synchronized (OTHER) {
                    fail(8);
                }
            }
            result = "none";
        } catch (IllegalStateException e) {
            result = e.getMessage();
        }
        return result + pause(8);
    }

    @Async
    public static Object shapeNestedBlockThrowCaughtInTheOuterBlock() {
        int n = 0;
        synchronized (LOCK) {
            try {
                synchronized (OTHER) {
                    n += fail(9);
                }
            } catch (IllegalStateException e) {
                n = -9;
            }
        }
        return n + pause(9);
    }

    @Async
    public static Object shapeBlockInALoopThenSuspend() {
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            synchronized (LOCK) {
                sum += i;
            }
            sum += pause(i);
        }
        return sum;
    }

    @Async
    public static Object shapeThrowInsideABlockInALoop() {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                synchronized (LOCK) {
                    if (i % 2 == 0) {
                        fail(i);
                    }
                    seen.add("ok " + i);
                }
            } catch (IllegalStateException e) {
                seen.add(e.getMessage() + " " + pause(i));
            }
        }
        return seen;
    }

    @Async
    public static Object shapeTryFinallyInsideThenSuspend() {
        List<String> seen = new ArrayList<>();
        synchronized (LOCK) {
            try {
                seen.add("body");
            } finally {
                seen.add("finally");
            }
        }
        seen.add("after " + pause(1));
        return seen;
    }

    @Async
    public static Object shapeTryWithResourcesInsideThenSuspend() {
        List<String> seen = new ArrayList<>();
        try {
            synchronized (LOCK) {
                try (AutoCloseable closing = () -> seen.add("closed")) {
                    seen.add("body");
                    fail(2);
                }
            }
        } catch (Exception e) {
            seen.add(e.getMessage());
        }
        seen.add("after " + pause(2));
        return seen;
    }

    @Async
    public static Object shapeBlockInsideACatchThenSuspend() {
        int n = 0;
        try {
            fail(1);
        } catch (IllegalStateException e) {
            synchronized (LOCK) {
                n = e.getMessage().length();
            }
            n += pause(1);
        }
        return n;
    }

    @Async
    public static Object shapeBlockOnALocalInASwitch() {
        Object lock = new Object();
        int n = pause(2);
        switch (n) {
            case 1:
                n = -1;
                break;
            case 2:
                synchronized (lock) {
                    if (n == 2) {
                        n = 20;
                        break;
                    }
                    n = 21;
                }
                n++;
                break;
            default:
                n = 0;
        }
        return n + pause(3);
    }

    @Async
    public static Object shapeSuspendBeforeAndAfterTheBlock() {
        int n = pause(1);
        synchronized (LOCK) {
            n *= 7;
        }
        return n + pause(2);
    }
}
