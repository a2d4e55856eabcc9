package io.coro4j.internal.loop;

/**
 * A one-shot wait for a channel's readiness, put in a slot of its {@link IoRegistration}: a task waiting
 * to read, write, connect or accept (the network code's completion). The loop tells it once, when it
 * collects the turn's ready channels, and empties the slot first.
 */
public interface IoWaiter {
    /**
     * The channel is ready. Called on the loop thread while the loop collects what is ready, so it must
     * only queue work (complete a completion, which queues the waiting task's step), never run any.
     */
    void ioReady();
}
