package io.coro4j.internal.loop;

/**
 * A task asleep in the loop's timer queue with no {@link Timer} object of its own ({@code Coro.sleep}):
 * the queue keeps its deadline, and the sleeper its slot there and its sequence number. When the
 * deadline passes, the loop queues a callback that calls {@link #sleepOver()}, at the place in the ready
 * queue where a timer would run (so the task's next step comes a turn later, as after asyncio's sleep).
 */
public interface Sleeper {
    /**
     * The largest slot the timer queue gives a sleeper: 2<sup>23</sup> - 1, so that a task keeps its slot
     * in the spare bits of its state word. In a heap of more nodes the slots wrap (the index modulo this,
     * plus one): the queue then finds the sleeper at the first of its candidate places that holds it.
     */
    int MAX_SLOT = (1 << 23) - 1;

    /**
     * The slot the timer queue gave this sleeper, 0 while not queued: its heap index + 1, or, at an index
     * of {@link #MAX_SLOT} or more, the index modulo {@code MAX_SLOT}, plus one.
     */
    int timerSlot();

    /** Only the timer queue sets it, to 0 or a slot from 1 to {@link #MAX_SLOT}. */
    void timerSlot(int slot);

    /** While queued: the sequence number the timer queue orders it by among equal deadlines. */
    int timerSeq();

    /** Only the timer queue sets it. */
    void timerSeq(int seq);

    /** The deadline passed: called from the ready queue, on the loop thread. */
    void sleepOver();
}
