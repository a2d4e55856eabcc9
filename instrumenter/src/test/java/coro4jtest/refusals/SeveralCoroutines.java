package coro4jtest.refusals;

import io.coro4j.Async;
import io.coro4j.protocol.Suspension;

/**
 * Three coroutine methods, for a rewriter that fails on one of them: the other two must be rewritten
 * all the same. {@code broken} builds an object with a suspending argument, so that the passes before
 * the state machine have changed its body when the failure strikes.
 */
public class SeveralCoroutines {
    static final class Box {
        final int value;

        Box(int value) {
            this.value = value;
        }
    }

    @Async
    static int pause(int v) {
        Suspension.suspend();
        return v;
    }

    @Async
    public static int first() {
        return pause(1);
    }

    @Async
    public static int broken() {
        return new Box(pause(2)).value;
    }

    @Async
    public static int third() {
        return first() + pause(2);
    }
}
