package io.coro4j.internal.loop;

import io.coro4j.Handle;

/**
 * A user's soon-callback (asyncio's {@code Handle}): the loop runs it from its ready queue, and it runs the
 * callback unless it was cancelled. The flag is volatile: a handle may be cancelled from any thread.
 */
public final class CallbackHandle implements Handle, Runnable {
    private final Runnable callback;
    private volatile boolean cancelled;

    public CallbackHandle(Runnable callback) {
        this.callback = callback;
    }

    @Override
    public void run() {
        if (!cancelled) {
            callback.run();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "Handle[" + callback + (cancelled ? ", cancelled" : "") + "]";
    }
}
