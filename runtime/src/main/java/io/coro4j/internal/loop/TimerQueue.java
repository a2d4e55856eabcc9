package io.coro4j.internal.loop;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A binary min-heap of timers ordered by deadline, then by the order they were set. Its nodes are
 * {@link Timer}s and {@link Sleeper}s (tasks asleep, which have no timer object of their own); the
 * ordering keys live in a parallel array beside the nodes, so a sleeping task carries only its slot and
 * the sift loops compare contiguous longs. Each node knows its slot, so a cancelled timer leaves the heap
 * at once: a cancelled long sleep neither waits in the heap until its deadline nor keeps its task
 * reachable (asyncio purges lazily instead).
 */
final class TimerQueue {
    private Object[] nodes = new Object[16];
    /** For the node at {@code i}: its deadline at {@code 2i}, its sequence number at {@code 2i + 1}. */
    private long[] keys = new long[32];
    private int size;

    int size() {
        return size;
    }

    /** The deadline of the first node; the queue must not be empty. */
    long firstDeadline() {
        return keys[0];
    }

    void add(Object node, long deadline, long seq) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
            keys = Arrays.copyOf(keys, size * 4);
        }
        siftUp(size++, node, deadline, seq);
    }

    /** Removes and returns the first node; the queue must not be empty. */
    Object poll() {
        Object first = nodes[0];
        removeAt(0);
        return first;
    }

    /** Removes {@code node} if it is queued here; returns whether it was. */
    boolean remove(Object node) {
        int i = slot(node) - 1;
        if (i >= 0 && i < size && nodes[i] == node) {
            removeAt(i);
            return true;
        }
        return false;
    }

    /** The deadline of {@code node}, queued here. */
    long deadlineOf(Object node) {
        int i = slot(node) - 1;
        assert i >= 0 && nodes[i] == node : "not queued: " + node;
        return keys[2 * i];
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
        long deadline = keys[2 * last];
        long seq = keys[2 * last + 1];
        nodes[last] = null;
        if (i < last) {
            siftDown(i, lastNode, deadline, seq);
            if (nodes[i] == lastNode) {
                siftUp(i, lastNode, deadline, seq);
            }
        }
    }

    private void siftUp(int i, Object node, long deadline, long seq) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pd = keys[2 * parent];
            long ps = keys[2 * parent + 1];
            if (!(deadline < pd || (deadline == pd && seq < ps))) {
                break;
            }
            place(i, nodes[parent], pd, ps);
            i = parent;
        }
        place(i, node, deadline, seq);
    }

    private void siftDown(int i, Object node, long deadline, long seq) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long cd = keys[2 * child];
            long cs = keys[2 * child + 1];
            int right = child + 1;
            if (right < size) {
                long rd = keys[2 * right];
                long rs = keys[2 * right + 1];
                if (rd < cd || (rd == cd && rs < cs)) {
                    child = right;
                    cd = rd;
                    cs = rs;
                }
            }
            if (!(cd < deadline || (cd == deadline && cs < seq))) {
                break;
            }
            place(i, nodes[child], cd, cs);
            i = child;
        }
        place(i, node, deadline, seq);
    }

    private void place(int i, Object node, long deadline, long seq) {
        nodes[i] = node;
        keys[2 * i] = deadline;
        keys[2 * i + 1] = seq;
        setSlot(node, i + 1);
    }

    // A node's slot is its index + 1 (0: not queued), so that a new sleeper needs no initializing store.
    private static int slot(Object node) {
        return node instanceof Timer ? ((Timer) node).slot : ((Sleeper) node).timerSlot();
    }

    private static void setSlot(Object node, int slot) {
        if (node instanceof Timer) {
            ((Timer) node).slot = slot;
        } else {
            ((Sleeper) node).timerSlot(slot);
        }
    }
}
