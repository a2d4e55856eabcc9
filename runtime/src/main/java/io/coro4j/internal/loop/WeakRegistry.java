package io.coro4j.internal.loop;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop's registry of tasks that wait on something the loop does not hold (asyncio's
 * {@code _scheduled_tasks} {@code WeakSet}, for the tasks it alone would find): an intrusive singly
 * linked list of weak references, in the order of registration.
 *
 * <p>Weak, as asyncio's: a task that nothing else can reach (waiting on a future nobody holds) may be
 * collected, and the registry must not be what keeps it. The registered object makes its entry (a
 * subclass may carry more of its fields) and links it once. Removing an entry clears it in O(1); cleared
 * entries, and those whose referent was collected, are unlinked by {@link #snapshot()} and whenever the
 * list doubles in size, so the list is at most about twice the live entries and an entry needs no
 * back link.
 *
 * <p>Loop thread only.
 */
public final class WeakRegistry<T> {
    /**
     * One registration; the registered object keeps it to {@link #remove} itself. Linked while it has a
     * successor or is the tail (no flag, no back link: the entry stays at 32 bytes).
     */
    public static class Entry<T> extends WeakReference<T> {
        private Entry<T> next;

        public Entry(T referent) {
            super(referent);
        }
    }

    private Entry<T> head;
    private Entry<T> tail;
    /** Linked entries, the cleared ones not yet unlinked included. */
    private int size;
    /** The size at which the next link first unlinks the cleared entries. */
    private int pruneAt = 64;

    /** Registers {@code e} at the end, unless it is linked already. */
    public void link(Entry<T> e) {
        if (isLinked(e)) {
            return;
        }
        if (size >= pruneAt) {
            prune();
            pruneAt = Math.max(64, size * 2);
        }
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        size++;
    }

    /** Whether {@code e} is in the list (a cleared entry stays there until it is pruned). */
    public boolean isLinked(Entry<T> e) {
        return e.next != null || tail == e;
    }

    /** Unregisters {@code e}: it is cleared now and unlinked later. Harmless twice, or for an entry never linked. */
    public void remove(Entry<T> e) {
        if (e != null) {
            e.clear();
        }
    }

    /** The registered objects still reachable and not removed, in registration order. */
    public List<T> snapshot() {
        prune();
        List<T> live = new ArrayList<>(size);
        for (Entry<T> e = head; e != null; e = e.next) {
            T value = e.get();
            if (value != null) { // collected since the prune
                live.add(value);
            }
        }
        return live;
    }

    /** The number of linked entries, cleared and collected ones not yet unlinked included. */
    public int size() {
        return size;
    }

    private void prune() {
        Entry<T> kept = null;
        Entry<T> e = head;
        while (e != null) {
            Entry<T> next = e.next;
            if (e.get() == null) {
                e.next = null;
                size--;
                if (kept == null) {
                    head = next;
                } else {
                    kept.next = next;
                }
            } else {
                kept = e;
            }
            e = next;
        }
        tail = kept;
    }
}
