package io.coro4j.sync;

import io.coro4j.Async;
import io.coro4j.internal.task.Completion;
import io.coro4j.internal.task.TaskImpl;
import io.coro4j.internal.task.Waiter;
import io.coro4j.protocol.Continuation;
import io.coro4j.protocol.Leaf;
import io.coro4j.protocol.LeafPoint;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A first-in first-out queue between the tasks of one event loop (asyncio's {@code asyncio.Queue}), for
 * producers and consumers: {@link #put} waits while the queue is full, {@link #get} while it is empty, each
 * in FIFO order of the waiting tasks. {@link #taskDone()} and {@link #join()} count the items not yet
 * processed; {@link #shutdown(boolean)} ends it (Python 3.13).
 *
 * <h2>Waiters and items</h2>
 *
 * <p>A put wakes the first pending getter and a get wakes the first pending putter, removing them from
 * their deque; the woken task then takes or adds its item when it runs, checking again. A woken getter
 * (putter) cancelled before it ran wakes the next one if there is still an item (a free slot), so a
 * cancelled {@code get} never swallows an item and a cancelled {@code put} never strands a free slot.
 *
 * <h2>Waits</h2>
 *
 * <p>{@code put} and {@code get} are {@link Leaf} methods, written to the protocol by hand as
 * {@code Task.join} is: a task that waits in them saves its caller's frames and none of their own, and
 * waits on its one reusable {@link Waiter} (no allocation per wait); a putter's item waits in the
 * waiter. When the task resumes, the method is called again on the same queue and checks again, as
 * asyncio's {@code while self.full()} / {@code while self.empty()} loops do.
 *
 * <h2>Shutdown ({@link #shutdown})</h2>
 *
 * <pre>
 *   open --shutdown()--&gt; shut down: puts fail; gets take what is left, then fail
 *     \--shutdown(true)--&gt; shut down and drained: puts and gets fail; join() returns
 *   Either way, every waiting getter and putter is woken to see it.
 * </pre>
 *
 * <p>Items must not be {@code null}. Bound to the loop that first uses it (see the
 * {@linkplain io.coro4j.sync package}).
 *
 * @param <E> the type of the items
 */
public class Queue<E> {
    private final LoopBinding binding = new LoopBinding(this);
    private final int maxsize;
    /** The items; the subclasses' order is the order its {@code offer} and {@code poll} keep. */
    private final java.util.Queue<E> items;
    private final Waiters getters = new Waiters();
    private final Waiters putters = new Waiters();
    /** Items put and not yet marked {@link #taskDone()}. */
    private int unfinished;
    /** Set while {@link #unfinished} is zero: what {@link #join()} waits for. */
    private final Event finished = new Event(true);
    private boolean shutDown;

    /** An unbounded queue (asyncio's {@code Queue()}). */
    public Queue() {
        this(0);
    }

    /**
     * A queue holding at most {@code maxsize} items; zero or less means unbounded (asyncio's
     * {@code Queue(maxsize)}).
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** For the subclasses: the order of the items is that of {@code items}' {@code offer} and {@code poll}. */
    Queue(int maxsize, java.util.Queue<E> items) {
        this.maxsize = maxsize;
        this.items = items;
    }

    /** The number of items allowed; zero or less for unbounded (asyncio's {@code maxsize}). */
    public int maxsize() {
        return maxsize;
    }

    /** The number of items in the queue (asyncio's {@code qsize()}). */
    public int qsize() {
        binding.check();
        return items.size();
    }

    /** Whether the queue holds no item (asyncio's {@code empty()}). */
    public boolean isEmpty() {
        binding.check();
        return items.isEmpty();
    }

    /** Whether the queue holds {@link #maxsize()} items; never for an unbounded queue (asyncio's {@code full()}). */
    public boolean isFull() {
        binding.check();
        return full();
    }

    private boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /** Whether {@link #shutdown(boolean)} was called. */
    public boolean isShutDown() {
        binding.check();
        return shutDown;
    }

    /**
     * Puts {@code item} in the queue, waiting for a free slot while it is full (asyncio's
     * {@code await queue.put(item)}). A task cancelled while it waits puts nothing.
     *
     * @throws QueueShutDownException when the queue is shut down, before or while this task waits
     */
    @Async
    @Leaf // written to the protocol by hand, so that a wait saves no frame (see "Waits" above)
    public void put(E item) {
        Continuation c = Continuation.enter(PUT_METHOD);
        if (c.mode == Continuation.RESTORING) {
            Waiter putter = Waiter.resumed(c, PUT_METHOD);
            item = held(putter); // the caller passes no item again: the waiter kept it
            try {
                c.finishRestore(); // woken for a free slot or by a shutdown; a cancel of the task is thrown here
            } catch (Throwable e) {
                putters.remove(putter); // a get or a shutdown may have removed it already
                if (!full() && !putter.isCancelled()) {
                    putters.popAndWakeNext(); // woken for a slot this task will not fill: pass it on
                }
                throw e;
            }
        } else {
            Objects.requireNonNull(item, "item");
            binding.check(TaskImpl.of(c, PUT_METHOD).loop());
        }
        if (shutDown) { // full or not, as asyncio's put: a putter woken by the shutdown throws here
            throw new QueueShutDownException("put on a shut down queue");
        }
        if (full()) { // asyncio's "while self.full()": a woken putter comes back here
            Waiter putter = Waiter.begin(c, PUT_METHOD);
            putter.hold(item);
            putters.add(putter);
            c.beginCapture(PUT);
            return;
        }
        add(item);
    }

    private static final String PUT_METHOD = "io.coro4j.sync.Queue.put";
    private static final LeafPoint PUT = new LeafPoint("put(Ljava/lang/Object;)V");

    @SuppressWarnings("unchecked")
    private E held(Waiter putter) {
        return (E) putter.takeHeld();
    }

    /**
     * Puts {@code item} in the queue if a slot is free (asyncio's {@code put_nowait}).
     *
     * @throws QueueFullException when the queue is full
     * @throws QueueShutDownException when the queue is shut down
     */
    public void putNowait(E item) {
        Objects.requireNonNull(item, "item");
        binding.check();
        if (shutDown) {
            throw new QueueShutDownException("put on a shut down queue");
        }
        if (full()) {
            throw new QueueFullException("the queue is full (maxsize " + maxsize + ")");
        }
        add(item);
    }

    /** Adds {@code item}, the queue being open and not full, and wakes the first getter. */
    private void add(E item) {
        items.offer(item);
        if (unfinished++ == 0) {
            finished.clear(); // set while none is unfinished
        }
        getters.popAndWakeNext();
    }

    /**
     * Removes and returns the next item, waiting while the queue is empty (asyncio's
     * {@code await queue.get()}). A task cancelled while it waits takes nothing: the item that woke it
     * goes to the next getter.
     *
     * @throws QueueShutDownException when the queue is shut down and empty, before or while this task waits
     */
    @Async
    @Leaf // written to the protocol by hand, so that a wait saves no frame (see "Waits" above)
    public E get() {
        Continuation c = Continuation.enter(GET_METHOD);
        if (c.mode == Continuation.RESTORING) {
            try {
                c.finishRestore(); // woken for an item or by a shutdown; a cancel of the task is thrown here
            } catch (Throwable e) {
                Waiter getter = Waiter.resumed(c, GET_METHOD);
                getters.remove(getter); // a put or a shutdown may have removed it already
                if (!items.isEmpty() && !getter.isCancelled()) {
                    getters.popAndWakeNext(); // woken for an item this task will not take: pass it on
                }
                throw e;
            }
        } else {
            binding.check(TaskImpl.of(c, GET_METHOD).loop());
        }
        if (items.isEmpty()) { // asyncio's "while self.empty()": a woken getter comes back here
            if (shutDown) {
                throw new QueueShutDownException("get on a shut down and empty queue");
            }
            Waiter getter = Waiter.begin(c, GET_METHOD);
            getters.add(getter);
            c.beginCapture(GET);
            return null;
        }
        return poll();
    }

    private static final String GET_METHOD = "io.coro4j.sync.Queue.get";
    private static final LeafPoint GET = new LeafPoint("get()Ljava/lang/Object;");

    /**
     * Removes and returns the next item if there is one (asyncio's {@code get_nowait}).
     *
     * @throws QueueEmptyException when the queue is empty
     * @throws QueueShutDownException when the queue is empty and shut down
     */
    public E getNowait() {
        binding.check();
        if (items.isEmpty()) {
            if (shutDown) {
                throw new QueueShutDownException("get on a shut down and empty queue");
            }
            throw new QueueEmptyException("the queue is empty");
        }
        return poll();
    }

    /** {@link #getNowait} once the queue is known not to be empty. */
    private E poll() {
        E item = items.poll();
        putters.popAndWakeNext();
        return item;
    }

    /**
     * Marks one item taken from the queue as processed (asyncio's {@code task_done()}): when every item put
     * has been marked, {@link #join()} returns.
     *
     * @throws IllegalStateException when called more times than items were put
     */
    public void taskDone() {
        binding.check();
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        unfinished--;
        if (unfinished == 0) {
            finished.set();
        }
    }

    /**
     * Waits until every item put has been marked with {@link #taskDone()} (asyncio's
     * {@code await queue.join()}); returns at once when none is pending.
     */
    @Async
    public void join() {
        binding.check();
        if (unfinished > 0) {
            finished.await();
        }
    }

    /** {@link #shutdown(boolean)} that lets getters take the items left. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (asyncio 3.13's {@code shutdown(immediate)}): every later put throws
     * {@link QueueShutDownException}, and so does every get once the queue is empty. With
     * {@code immediate}, the items left are dropped (each counts as done for {@link #join()}) so that gets
     * fail at once. Every task waiting in {@code put} or {@code get} is woken to see it.
     */
    public void shutdown(boolean immediate) {
        binding.check();
        shutDown = true;
        if (immediate) {
            while (!items.isEmpty()) {
                items.poll();
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            if (unfinished == 0) {
                finished.set();
            }
        }
        Completion<Void> w;
        while ((w = getters.pollFirst()) != null) {
            w.tryComplete(null);
        }
        while ((w = putters.pollFirst()) != null) {
            w.tryComplete(null);
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize)
                .append(", qsize=").append(items.size());
        if (!getters.isEmpty()) {
            b.append(", getters=").append(getters.size());
        }
        if (!putters.isEmpty()) {
            b.append(", putters=").append(putters.size());
        }
        if (unfinished > 0) {
            b.append(", unfinished=").append(unfinished);
        }
        return b.append(shutDown ? ", shut down]" : "]").toString();
    }
}
