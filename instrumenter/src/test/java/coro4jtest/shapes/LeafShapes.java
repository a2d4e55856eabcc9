package coro4jtest.shapes;

import io.coro4j.Async;
import io.coro4j.protocol.Continuation;
import io.coro4j.protocol.Leaf;
import io.coro4j.protocol.LeafPoint;

/**
 * Calls to a hand-written leaf ({@link Leaf}, as {@code Coro.sleep} is): the agent leaves its body as
 * it is and its callers treat it as a suspending call. Had the leaf been rewritten, its prologue would
 * refuse the resume that re-enters it.
 */
public final class LeafShapes {
    private static final LeafPoint HAND_PAUSE = new LeafPoint("handPause()V");

    private LeafShapes() {}

    @Async
    @Leaf
    public static void handPause() {
        if (Pauses.direct) {
            return;
        }
        Continuation c = Continuation.enter("coro4jtest.shapes.LeafShapes.handPause");
        if (c.mode == Continuation.RESTORING) {
            c.finishRestore();
            return;
        }
        c.beginCapture(HAND_PAUSE);
    }

    @Async
    public static int shapeLeafInLoop() {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            handPause();
            sum += i;
        }
        return sum;
    }

    @Async
    public static long shapeLeafUnderFrames() {
        return outer(3L) + outer(4L);
    }

    @Async
    static long outer(long v) {
        long w = v * 10;
        middle();
        return w + Pauses.pauseLong(v);
    }

    @Async
    static void middle() {
        handPause();
        handPause();
    }
}
