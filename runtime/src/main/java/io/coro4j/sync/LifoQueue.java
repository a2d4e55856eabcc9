package io.coro4j.sync;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that hands out the item put last first (asyncio's {@code asyncio.LifoQueue}): a stack.
 *
 * @param <E> the type of the items
 */
public final class LifoQueue<E> extends Queue<E> {
    /** An unbounded stack. */
    public LifoQueue() {
        this(0);
    }

    /** A stack of at most {@code maxsize} items; zero or less for unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
