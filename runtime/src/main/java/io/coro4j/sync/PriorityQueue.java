package io.coro4j.sync;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out its smallest item first (asyncio's {@code asyncio.PriorityQueue}): by
 * natural order, or by a {@link Comparator}. Items of equal priority come out in no set order, as from
 * a heap.
 *
 * @param <E> the type of the items
 */
public final class PriorityQueue<E> extends Queue<E> {
    /** An unbounded queue of {@link Comparable} items. */
    public PriorityQueue() {
        this(0);
    }

    /** A queue of at most {@code maxsize} {@link Comparable} items; zero or less for unbounded. */
    public PriorityQueue(int maxsize) {
        super(maxsize, new java.util.PriorityQueue<>());
    }

    /** A queue of at most {@code maxsize} items (zero or less: unbounded), smallest by {@code comparator} first. */
    public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(java.util.Objects.requireNonNull(comparator, "comparator")));
    }
}
