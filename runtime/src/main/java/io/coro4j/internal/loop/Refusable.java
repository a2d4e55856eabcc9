package io.coro4j.internal.loop;

/**
 * A callback that must hear of it when the loop closes before running it, because someone waits on its
 * outcome (the start of a task that {@code loop.submit} promised a future of, the settling of a task's
 * future, a dump asked from another thread). {@link LoopCore#close()} calls {@link #refused()} on each
 * such callback still queued (posted by another thread or in the ready queue), on the loop thread, in
 * queue order; other callbacks still queued are dropped, as asyncio's close drops its ready queue.
 */
public interface Refusable extends Runnable {
    /** The loop closed before it could run this callback; it will never run. */
    void refused();

    /** A refusable callback that runs {@code run}, or {@code refused} instead when the loop closes first. */
    static Refusable of(Runnable run, Runnable refused) {
        return new Refusable() {
            @Override
            public void run() {
                run.run();
            }

            @Override
            public void refused() {
                refused.run();
            }

            @Override
            public String toString() {
                return run.toString();
            }
        };
    }
}
