package io.coro4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The chain check at each saved frame, driven by hand: a frame saved right after the leaf, or after an
 * inner frame, must have called that leaf or frame's method; a pair that passed is remembered.
 */
class ChainCheckTest {
    /** A continuation with no runtime around it: each capture starts at a leaf and saves the given frames. */
    private static final class Bare extends Continuation {
        /** Suspends at {@code leaf} and saves {@code sites}, innermost first, one record each. */
        void capture(LeafPoint leaf, FrameSite... sites) {
            beginCapture(leaf);
            for (FrameSite site : sites) {
                saveFrame(0, site, this);
            }
            endStepSuspended();
            discard();
        }
    }

    private static final LeafPoint LEAF = new LeafPoint("pause()V");

    @Test
    void aRecursiveCallSiteRemembersBothInnerSitesItPassedWith() {
        // nest(I)I calls pause()V at its bottom and itself above it: the recursive site is saved below
        // the bottom site in the innermost activation, and below itself in every other
        FrameSite bottom = FrameSite.of("nest(I)I", "t.ChainCheck.nest(ChainCheck.java:1)", "pause()V");
        FrameSite recursive = FrameSite.of("nest(I)I", "t.ChainCheck.nest(ChainCheck.java:2)", "nest(I)I");
        Bare c = new Bare();

        c.capture(LEAF, bottom, recursive, recursive, recursive);
        c.capture(LEAF, bottom, recursive, recursive, recursive);

        assertEquals(recursive.number, recursive.passedWith);
        assertEquals(bottom.number, recursive.passedWithBefore);
    }

    @Test
    void aFrameThatDidNotCallTheInnerOneIsRefusedEvenAfterItsSitePassedWithOthers() {
        FrameSite bottom = FrameSite.of("nest(I)I", "t.ChainCheck.nest(ChainCheck.java:3)", "pause()V");
        FrameSite recursive = FrameSite.of("nest(I)I", "t.ChainCheck.nest(ChainCheck.java:4)", "nest(I)I");
        FrameSite other = FrameSite.of("other()V", "t.ChainCheck.other(ChainCheck.java:5)", "pause()V");
        Bare c = new Bare();
        c.capture(LEAF, bottom, recursive, recursive);

        // the recursive site called nest(I)I, but the frame saved below it is other()V's
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> c.capture(LEAF, other, recursive));

        assertTrue(e.getMessage().contains("nest(I)I"), e.getMessage());
        assertEquals(Continuation.NORMAL, c.mode, "the failed capture dropped its frames");
    }
}
