package io.coro4j.internal.loop;

/**
 * A task asleep in the loop's timer queue with no {@link Timer} object of its own ({@code Coro.sleep}):
 * the queue keeps its deadline and sequence number, and the sleeper keeps only its slot there. When the
 * deadline passes, the loop queues a callback that calls {@link #sleepOver()}, at the place in the ready
 * queue where a timer would run (so the task's next step comes a turn later, as after asyncio's sleep).
 */
public interface Sleeper {
    /** The slot the timer queue gave this sleeper (its heap index + 1), 0 while not queued. */
    int timerSlot();

    /** Only the timer queue sets it. */
    void timerSlot(int slot);

    /** The deadline passed: called from the ready queue, on the loop thread. */
    void sleepOver();
}
