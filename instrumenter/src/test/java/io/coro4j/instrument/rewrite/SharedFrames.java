package io.coro4j.instrument.rewrite;

import java.util.concurrent.Callable;

/**
 * Rewrites with every call site's frame saved and restored by {@link SaveTree}'s shared trie, even the
 * small frames that get straight-line blocks of their own, through its package-private seam: so that
 * the tests reach both ways with every shape.
 */
public final class SharedFrames {
    private SharedFrames() {}

    /** Runs {@code action} (which loads, and so rewrites, classes) with every frame shared. */
    public static <T> T during(Callable<T> action) throws Exception {
        int before = SaveTree.ownBlockValues;
        SaveTree.ownBlockValues = -1;
        try {
            return action.call();
        } finally {
            SaveTree.ownBlockValues = before;
        }
    }
}
