package io.coro4j.internal.loop;

/** A {@link Sleeper} for the loop package's tests: it holds its slot and sequence number as a task does. */
abstract class HeldSlots implements Sleeper {
    int slot;
    int seq;

    @Override
    public int timerSlot() {
        return slot;
    }

    @Override
    public void timerSlot(int slot) {
        this.slot = slot;
    }

    @Override
    public int timerSeq() {
        return seq;
    }

    @Override
    public void timerSeq(int seq) {
        this.seq = seq;
    }
}
