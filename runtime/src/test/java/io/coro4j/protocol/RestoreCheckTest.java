package io.coro4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The check of each record as the restore takes it, driven by hand: a site's own restore block takes the
 * record by its frame site's number, the shared code by its self key; a record of another method is
 * refused either way, with the same error.
 */
class RestoreCheckTest {
    private static final LeafPoint LEAF = new LeafPoint("pause()V");

    /** A continuation with no runtime around it, suspended with one record of {@code site}, resuming. */
    private static final class Bare extends Continuation {
        Bare(FrameSite site) {
            beginCapture(LEAF);
            saveFrame(3, site, this);
            endStepSuspended();
            prepareResume(null, null);
        }
    }

    // interface calls (no callee key): their chain check is skipped, as a proxy may stand between
    private static final FrameSite A = FrameSite.of("a()V", "t.RestoreCheck.a(RestoreCheck.java:1)", null);
    private static final FrameSite B = FrameSite.of("b()V", "t.RestoreCheck.b(RestoreCheck.java:2)", null);

    @Test
    void theSitesOwnBlockTakesItsRecordByNumber() {
        Bare c = new Bare(A);

        assertEquals(3, c.nextRestoreSite("a()V"));
        c.restoreFrame(A);

        assertEquals(Continuation.RESTORING, c.mode);
    }

    @Test
    void aRecordOfAnotherMethodIsRefusedByNumberAsByItsSelfKey() {
        IllegalStateException byNumber = assertThrows(IllegalStateException.class, () -> {
            Bare c = new Bare(A);
            c.nextRestoreSite("b()V");
            c.restoreFrame(B);
        });
        IllegalStateException byKey = assertThrows(IllegalStateException.class,
                () -> new Bare(A).restoreFrame("b()V"));

        assertEquals(byKey.getMessage(), byNumber.getMessage());
        assertTrue(byNumber.getMessage().contains("b()V") && byNumber.getMessage().contains("a()V"),
                byNumber.getMessage());
    }

    @Test
    void nothingLeftToRestoreIsNamedWithTheMethod() {
        Bare c = new Bare(A);
        c.nextRestoreSite("a()V");
        c.restoreFrame(A);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.nextRestoreSite("a()V"));

        assertTrue(e.getMessage().contains("no saved frame is left for a()V"), e.getMessage());
    }
}
