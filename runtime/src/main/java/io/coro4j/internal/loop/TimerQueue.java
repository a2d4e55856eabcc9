package io.coro4j.internal.loop;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A binary min-heap of timers ordered by deadline, then by the order they were set. Its nodes are
 * {@link Timer}s and {@link Sleeper}s (tasks asleep, which have no timer object of their own); the
 * deadlines live in an array beside the nodes, so the sift loops compare contiguous longs; each node
 * holds its slot and its sequence number (read only to order equal deadlines), in room its object had
 * spare. Each node knows its slot, so a cancelled timer leaves the heap at once: a cancelled long sleep
 * neither waits in the heap until its deadline nor keeps its task reachable (asyncio purges lazily
 * instead).
 *
 * <h2>What a node costs</h2>
 *
 * <p>A reference and a {@code long} deadline: 12 bytes with compressed references. The sequence numbers
 * are ints, set in increasing order from {@link #nextSeq}; when that reaches {@link Integer#MAX_VALUE}
 * the queued nodes are numbered again from 0 in their order ({@link #renumber}), which keeps every
 * comparison as it was, so equal deadlines fire in the order set however many timers a loop sets. The
 * capacity is 2<sup>k</sup> - 4, not a power of two: each array is
 * then just under a power of two in bytes (its 16-byte header included), so a large heap's arrays fill the
 * collector's regions (G1 gives an array of over half a region whole regions of its own, and one of
 * 2<sup>k</sup> elements would take one more region for its header).
 */
final class TimerQueue {
    /** See the class comment: each array's size in bytes stays under a power of two. */
    private static final int HEADER_SLACK = 4;

    private Object[] nodes;
    private long[] deadlines;
    private int size;
    /** The sequence number of the next node added: the order nodes with equal deadlines leave in. */
    private int nextSeq;

    /** The slots a sleeper can hold: {@link Sleeper#MAX_SLOT}, fewer in tests (see {@link #slotOf}). */
    private final int sleeperSlots;

    TimerQueue() {
        this(0, Sleeper.MAX_SLOT);
    }

    /**
     * A queue whose first sequence number is {@code firstSeq} and whose sleepers' slots wrap at
     * {@code sleeperSlots} (tests reach the renumbering and the wrap with few nodes).
     */
    TimerQueue(int firstSeq, int sleeperSlots) {
        int capacity = 16 - HEADER_SLACK;
        nodes = new Object[capacity];
        deadlines = new long[capacity];
        nextSeq = firstSeq;
        this.sleeperSlots = sleeperSlots;
    }

    int size() {
        return size;
    }

    /** The deadline of the first node; the queue must not be empty. */
    long firstDeadline() {
        return deadlines[0];
    }

    /** Adds {@code node}, due at {@code deadline}, after the nodes already queued with the same deadline. */
    void add(Object node, long deadline) {
        if (size == nodes.length) {
            int capacity = (size + HEADER_SLACK) * 2 - HEADER_SLACK;
            nodes = Arrays.copyOf(nodes, capacity);
            deadlines = Arrays.copyOf(deadlines, capacity);
        }
        if (nextSeq == Integer.MAX_VALUE) {
            renumber();
        }
        setSeq(node, nextSeq++);
        siftUp(size++, node, deadline);
    }

    /**
     * Numbers the queued nodes again from 0, in the order of their sequence numbers, and the next node
     * after them: every comparison of two nodes gives what it gave, so the heap stays as it is. Once per
     * 2<sup>31</sup> - {@link #size} additions.
     */
    private void renumber() {
        long[] order = new long[size];
        for (int i = 0; i < size; i++) {
            order[i] = (long) seqOf(nodes[i]) << 32 | i; // seqs are not negative: sorting these sorts by seq
        }
        Arrays.sort(order);
        for (int rank = 0; rank < size; rank++) {
            setSeq(nodes[(int) order[rank]], rank);
        }
        nextSeq = size;
    }

    /** The sequence number the next node added will take (for tests). */
    int nextSeq() {
        return nextSeq;
    }

    /** Removes and returns the first node; the queue must not be empty. */
    Object poll() {
        Object first = nodes[0];
        removeAt(0);
        return first;
    }

    /** Removes {@code node} if it is queued here; returns whether it was. */
    boolean remove(Object node) {
        int i = indexOf(node);
        if (i >= 0) {
            removeAt(i);
            return true;
        }
        return false;
    }

    /** The deadline of {@code node}, queued here. */
    long deadlineOf(Object node) {
        int i = indexOf(node);
        assert i >= 0 : "not queued: " + node;
        return deadlines[i];
    }

    /**
     * The index of {@code node} in the heap, or -1. A timer's slot is its index + 1; a sleeper's wraps in a
     * heap of more than {@link #sleeperSlots} nodes, so its node is at one of the indices its slot names,
     * one {@code sleeperSlots} apart: the first (and in a smaller heap the only) is checked first.
     */
    private int indexOf(Object node) {
        int slot;
        int step;
        if (node instanceof Timer) {
            slot = ((Timer) node).slot;
            step = Integer.MAX_VALUE;
        } else {
            slot = ((Sleeper) node).timerSlot();
            step = sleeperSlots;
        }
        for (int i = slot - 1; i >= 0 && i < size; i += step) {
            if (nodes[i] == node) {
                return i;
            }
        }
        return -1;
    }

    void forEach(Consumer<Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(nodes[i]);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            setSlot(nodes[i], 0);
            nodes[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        setSlot(nodes[i], 0);
        int last = --size;
        Object lastNode = nodes[last];
        long deadline = deadlines[last];
        nodes[last] = null;
        if (i < last) {
            siftDown(i, lastNode, deadline);
            if (nodes[i] == lastNode) {
                siftUp(i, lastNode, deadline);
            }
        }
    }

    private void siftUp(int i, Object node, long deadline) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pd = deadlines[parent];
            if (!(deadline < pd || (deadline == pd && seqOf(node) < seqOf(nodes[parent])))) {
                break;
            }
            place(i, nodes[parent], pd);
            i = parent;
        }
        place(i, node, deadline);
    }

    private void siftDown(int i, Object node, long deadline) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long cd = deadlines[child];
            int right = child + 1;
            if (right < size) {
                long rd = deadlines[right];
                if (rd < cd || (rd == cd && seqOf(nodes[right]) < seqOf(nodes[child]))) {
                    child = right;
                    cd = rd;
                }
            }
            if (!(cd < deadline || (cd == deadline && seqOf(nodes[child]) < seqOf(node)))) {
                break;
            }
            place(i, nodes[child], cd);
            i = child;
        }
        place(i, node, deadline);
    }

    private void place(int i, Object node, long deadline) {
        nodes[i] = node;
        deadlines[i] = deadline;
        if (node instanceof Timer) {
            ((Timer) node).slot = i + 1;
        } else {
            ((Sleeper) node).timerSlot(i < sleeperSlots ? i + 1 : i % sleeperSlots + 1);
        }
    }

    // Equal deadlines only: the order the nodes were added in (see renumber).
    private static int seqOf(Object node) {
        return node instanceof Timer ? ((Timer) node).seq : ((Sleeper) node).timerSeq();
    }

    private static void setSeq(Object node, int seq) {
        if (node instanceof Timer) {
            ((Timer) node).seq = seq;
        } else {
            ((Sleeper) node).timerSeq(seq);
        }
    }

    // A node's slot is its index + 1 (0: not queued), so that a new sleeper needs no initializing store.
    private static void setSlot(Object node, int slot) {
        if (node instanceof Timer) {
            ((Timer) node).slot = slot;
        } else {
            ((Sleeper) node).timerSlot(slot);
        }
    }
}
