package io.coro4j.internal.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timer heap's order, deadline then the order set, across the renumbering of its int sequence
 * numbers (which happens once per 2^31 additions; these queues start just before it), and sleepers found
 * in a heap larger than the slots they can hold (2^23 - 1; here 5).
 */
class TimerQueueTest {
    /** A node that remembers its deadline and the order it was added in, overall. */
    private static final class Node extends Timer {
        final long order;

        Node(long deadline, long order) {
            this.deadline = deadline;
            this.order = order;
        }

        @Override
        protected void fire() {}

        @Override
        public String toString() {
            return "Node[" + deadline + ", #" + order + "]";
        }
    }

    private static final Comparator<Node> EXPECTED =
            Comparator.<Node>comparingLong(n -> n.deadline).thenComparingLong(n -> n.order);

    @Test
    void equalDeadlinesLeaveInTheOrderSetAcrossTheRenumbering() {
        TimerQueue q = new TimerQueue(Integer.MAX_VALUE - 3, Sleeper.MAX_SLOT);
        List<Node> added = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // the 4th addition renumbers, with 3 nodes queued
            Node n = new Node(i % 2 == 0 ? 100 : 50, i);
            added.add(n);
            q.add(n, n.deadline);
        }
        assertTrue(q.nextSeq() < 100, "renumbered: " + q.nextSeq());
        added.sort(EXPECTED);
        List<Object> polled = new ArrayList<>();
        while (q.size() > 0) {
            polled.add(q.poll());
        }
        assertEquals(added, polled);
    }

    @Test
    void randomAddsAndRemovesAcrossRenumberingsKeepTheOrder() {
        Random random = new Random(12);
        TimerQueue q = new TimerQueue(Integer.MAX_VALUE - 500, Sleeper.MAX_SLOT);
        List<Node> queued = new ArrayList<>();
        long order = 0;
        int renumberings = 0;
        for (int round = 0; round < 20_000; round++) {
            int op = random.nextInt(10);
            if (op < 6 || queued.isEmpty()) {
                Node n = new Node(random.nextInt(8), order++); // few deadlines: many ties
                int before = q.nextSeq();
                q.add(n, n.deadline);
                if (q.nextSeq() != before + 1) {
                    renumberings++;
                }
                queued.add(n);
            } else if (op < 8) {
                Node n = queued.remove(random.nextInt(queued.size()));
                assertTrue(q.remove(n));
            } else {
                queued.sort(EXPECTED);
                Object first = q.poll();
                assertEquals(queued.remove(0), first);
            }
            assertEquals(queued.size(), q.size());
            if (round % 2_000 == 1_999) { // jump to the next renumbering with what is queued now
                q = refill(q, queued);
            }
        }
        assertTrue(renumberings >= 5, "renumberings: " + renumberings);
        queued.sort(EXPECTED);
        for (Node n : queued) {
            assertEquals(n, q.poll());
        }
    }

    /** A queue just before its renumbering, holding {@code queued} in their order. */
    private static TimerQueue refill(TimerQueue old, List<Node> queued) {
        while (old.size() > 0) {
            old.poll();
        }
        TimerQueue q = new TimerQueue(Integer.MAX_VALUE - 1 - queued.size(), Sleeper.MAX_SLOT);
        queued.sort(Comparator.comparingLong(n -> n.order));
        for (Node n : queued) {
            q.add(n, n.deadline);
        }
        return q;
    }

    @Test
    void growsPastItsFirstCapacityInOrder() {
        TimerQueue q = new TimerQueue();
        List<Node> added = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            Node n = new Node(random.nextInt(100), i);
            added.add(n);
            q.add(n, n.deadline);
        }
        added.sort(EXPECTED);
        for (Node n : added) {
            assertEquals(n.deadline, q.firstDeadline());
            assertEquals(n, q.poll());
        }
    }

    /** A sleeper that holds its slot as a task does, refusing one over the queue's limit. */
    private static final class TestSleeper extends HeldSlots {
        final int limit;
        final long deadline;
        final long order;

        TestSleeper(int limit, long deadline, long order) {
            this.limit = limit;
            this.deadline = deadline;
            this.order = order;
        }

        @Override
        public void timerSlot(int slot) {
            assertTrue(slot >= 0 && slot <= limit, "slot " + slot);
            super.timerSlot(slot);
        }

        @Override
        public void sleepOver() {}
    }

    @Test
    void sleepersWhoseSlotsWrapAreFoundRemovedAndOrdered() {
        int limit = 5;
        TimerQueue q = new TimerQueue(Integer.MAX_VALUE - 1_000, limit); // renumbers sleepers and timers too
        Random random = new Random(7);
        List<Object> queued = new ArrayList<>();
        long order = 0;
        int largest = 0;
        for (int round = 0; round < 5_000; round++) {
            int op = random.nextInt(10);
            if (op < 6 || queued.isEmpty()) {
                long deadline = random.nextInt(20);
                Object n = random.nextBoolean() ? new Node(deadline, order) : new TestSleeper(limit, deadline, order);
                order++;
                q.add(n, deadline);
                queued.add(n);
            } else if (op < 8) {
                Object n = queued.remove(random.nextInt(queued.size()));
                assertEquals(deadlineOf(n), q.deadlineOf(n));
                assertTrue(q.remove(n));
                assertFalse(q.remove(n)); // gone: not found at any of its candidate places
                assertEquals(0, n instanceof Node ? ((Node) n).slot : ((TestSleeper) n).slot);
            } else {
                queued.sort(Comparator.comparingLong(TimerQueueTest::deadlineOf).thenComparingLong(TimerQueueTest::orderOf));
                assertEquals(queued.remove(0), q.poll());
            }
            assertEquals(queued.size(), q.size());
            largest = Math.max(largest, q.size());
        }
        assertTrue(largest > 20 * limit, "largest heap: " + largest);
    }

    private static long deadlineOf(Object n) {
        return n instanceof Node ? ((Node) n).deadline : ((TestSleeper) n).deadline;
    }

    private static long orderOf(Object n) {
        return n instanceof Node ? ((Node) n).order : ((TestSleeper) n).order;
    }
}
