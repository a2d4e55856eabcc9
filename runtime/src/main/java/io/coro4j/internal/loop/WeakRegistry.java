package io.coro4j.internal.loop;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop's registry of tasks that wait on something the loop does not hold (asyncio's
 * {@code _scheduled_tasks} {@code WeakSet}, for the tasks it alone would find): an intrusive doubly
 * linked list of weak references, in the order of registration.
 *
 * <p>Weak, as asyncio's: a task that nothing else can reach (waiting on a future nobody holds) may be
 * collected, and the registry must not be what keeps it. The registered object makes its entry (a
 * subclass may carry more of its fields) and links it once; it removes the entry in O(1) when it
 * finishes, and entries whose referent was collected are dropped by {@link #snapshot()} and whenever
 * the list doubles in size.
 *
 * <p>Loop thread only.
 */
public final class WeakRegistry<T> {
    /**
     * One registration; the registered object keeps it to {@link #remove} itself. Linked while it is the
     * head or has a predecessor (no flag: the entry stays at 40 bytes).
     */
    public static class Entry<T> extends WeakReference<T> {
        private Entry<T> prev;
        private Entry<T> next;

        public Entry(T referent) {
            super(referent);
        }
    }

    private Entry<T> head;
    private Entry<T> tail;
    private int size;
    /** The size at which the next add first drops collected entries. */
    private int pruneAt = 64;

    /** Registers {@code e} at the end, unless it is registered already. */
    public void link(Entry<T> e) {
        if (isLinked(e)) {
            return;
        }
        if (size >= pruneAt) {
            prune();
            pruneAt = Math.max(64, size * 2);
        }
        e.prev = tail;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        size++;
    }

    /** Whether {@code e} is registered. */
    public boolean isLinked(Entry<T> e) {
        return e.prev != null || head == e;
    }

    /** Unregisters and clears {@code e}; removing twice, or an entry never linked, is harmless. */
    public void remove(Entry<T> e) {
        if (e == null || !isLinked(e)) {
            return;
        }
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        size--;
        e.clear();
    }

    /** The registered objects still reachable, in registration order. */
    public List<T> snapshot() {
        List<T> live = new ArrayList<>(size);
        Entry<T> e = head;
        while (e != null) {
            Entry<T> next = e.next;
            T value = e.get();
            if (value == null) {
                remove(e);
            } else {
                live.add(value);
            }
            e = next;
        }
        return live;
    }

    /** The number of entries, collected ones not yet dropped included. */
    public int size() {
        return size;
    }

    private void prune() {
        Entry<T> e = head;
        while (e != null) {
            Entry<T> next = e.next;
            if (e.get() == null) {
                remove(e);
            }
            e = next;
        }
    }
}
