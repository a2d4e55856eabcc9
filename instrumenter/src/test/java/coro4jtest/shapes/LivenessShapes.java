package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseDouble;
import static coro4jtest.shapes.Pauses.pauseLong;
import static coro4jtest.shapes.Pauses.pauseRef;
import static coro4jtest.shapes.Pauses.pauseVoid;

import io.coro4j.Async;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Locals dead after a suspending call, of which the rewrite does not save the primitives (the restore
 * gives them a zero of their type) and saves the references, beside locals that look dead but are not:
 * read only by a handler or a {@code finally}, only in the next turn of a loop, only on one branch, or
 * in a slot that another variable takes later. {@link ShapesTest} runs each one rewritten and as
 * compiled; {@code DeadReferencesKeptTest} checks that a suspended frame keeps a dead reference.
 */
@SuppressWarnings({"unused", "UnusedAssignment"})
public class LivenessShapes {
    /** Suspends once, then throws: a resume that ends in a handler of the caller. */
    @Async
    static int failAfterAPause(int v) {
        pause(v);
        throw new IllegalStateException("failed after " + v);
    }

    @Async
    public static Object shapeDeadLocalsOfEveryType() {
        boolean z = pause(1) > 0;
        int i = pause(2);
        long j = pauseLong(3L);
        float f = 4.5f;
        double d = pauseDouble(5.5);
        String s = "six";
        int[] ints = {7};
        Object nothing = null;
        String summary = z + "/" + i + "/" + j + "/" + f + "/" + d + "/" + s + "/" + ints[0] + "/" + nothing;
        pauseVoid(); // only summary is live here
        return summary + pause(8);
    }

    @Async
    public static Object shapeLocalReadOnlyByAHandler() {
        int attempts = pause(3);
        String label = "first";
        try {
            failAfterAPause(1);
            label = "never"; // dead on the normal path: written before it is read
            return label;
        } catch (IllegalStateException e) {
            return label + attempts + e.getMessage() + pause(2);
        }
    }

    @Async
    public static Object shapeLocalReadOnlyByAFinally() {
        List<String> log = new ArrayList<>();
        String closing = "closed " + pause(1);
        try {
            log.add("body " + pause(2));
            closing = closing + "!";
        } finally {
            log.add(closing + pause(3));
        }
        try {
            String inner = "inner " + pause(4);
            try {
                failAfterAPause(5);
            } finally {
                log.add(inner);
            }
        } catch (IllegalStateException e) {
            log.add(e.getMessage());
        }
        return log;
    }

    @Async
    public static Object shapeLocalsLiveOnlyInTheNextTurnOfALoop() {
        StringBuilder log = new StringBuilder();
        int previous = -1;
        String kept = "start";
        for (int i = 0; i < 5; i++) {
            log.append(previous).append(',');
            int current = pause(i);
            previous = current * 2; // previous is dead after the call: written before it is read
            if (i % 2 == 0) {
                kept = pauseRef("even" + i);
            } else {
                log.append(kept).append(';'); // kept is live across the call above, read a turn later
            }
        }
        return log.toString();
    }

    @Async
    public static Object shapeDeadOnOneBranchLiveOnTheOther() {
        String a = "a" + pause(0);
        long wide = pauseLong(7L);
        int n = pause(2);
        if (n > 1) {
            return "big" + pause(n); // a and wide are dead here
        }
        return a + wide + pause(n);
    }

    @Async
    public static Object shapeSlotTakenByAnotherTypeAfterTheCall() {
        List<Object> out = new ArrayList<>();
        {
            long big = pauseLong(5L);
            double ratio = big / 2.0;
            out.add(big + ratio);
        }
        pause(1); // the slots of big and ratio hold a long and a double, both dead
        {
            String s = "s" + pause(2); // takes big's slot
            int k = pause(3);
            Object o = out.size();
            out.add(s + k + o);
        }
        return out;
    }

    static final class Counter {
        final int base;

        Counter(int base) {
            this.base = base;
        }

        @Async
        int plus(int v) {
            int b = base;
            return b + pause(v); // 'this' is dead here
        }

        @Async
        int twice(int v) {
            int first = plus(v);
            return first + plus(v + 1) + base; // 'this' is live across both calls
        }
    }

    @Async
    public static Object shapeDeadThisInAnInstanceMethod() {
        Counter c = new Counter(10);
        return c.plus(pause(1)) + "/" + c.twice(2);
    }

    /**
     * More values than a site's own blocks take (so the frame goes through the shared trie), dead at one
     * site and live at the next: one slot is a dead value at one node and a live one at another.
     */
    @Async
    public static Object shapeLargeFrameDeadAtOneSiteLiveAtAnother() {
        int a = pause(1);
        int b = pause(2);
        int c = pause(3);
        long d = pauseLong(4L);
        double e = pauseDouble(5.0);
        String f = "f" + pause(6);
        int g = pause(7);
        int h = pause(8);
        int i = pause(9);
        int j = pause(10);
        int k = pause(11);
        int l = pause(12);
        int m = pause(13);
        String first = "" + a + b + c + d + e + f + g + h + i + j + k + l + m;
        int x = pause(14); // a to m are dead here (their slots are written before they are read)
        a = x;
        b = x;
        c = x;
        d = x;
        e = x;
        f = "F";
        g = h = i = j = k = l = m = x;
        int y = pause(15); // and live here
        return first + "|" + a + b + c + d + e + f + g + h + i + j + k + l + m + y;
    }

    /** What {@link #keepsDeadReferences} allocated, referenced after its suspension by a dead local only. */
    public static WeakReference<Object> dead;

    /** For {@code DeadReferencesKeptTest}: a suspended frame keeps {@link #dead}'s object. */
    @Async
    public static int keepsDeadReferences() {
        Object held = new byte[1 << 16];
        dead = new WeakReference<>(held);
        int n = ((byte[]) held).length;
        pauseVoid(); // held is dead here, and still saved
        return n;
    }
}
