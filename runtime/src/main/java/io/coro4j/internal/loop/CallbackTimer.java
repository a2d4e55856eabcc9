package io.coro4j.internal.loop;

import io.coro4j.TimerHandle;

/**
 * A user's timed callback (asyncio's {@code TimerHandle}). Cancelled on the loop thread, it leaves the
 * timer queue at once; from another thread, the volatile flag keeps it from running and its removal is
 * posted to the loop.
 */
public final class CallbackTimer extends Timer implements TimerHandle {
    private final LoopCore loop;
    private final Runnable callback;
    private volatile boolean cancelledByUser;

    public CallbackTimer(LoopCore loop, Runnable callback) {
        this.loop = loop;
        this.callback = callback;
    }

    @Override
    protected void fire() {
        if (!cancelledByUser) {
            callback.run();
        }
    }

    @Override
    public void cancel() {
        if (cancelledByUser) {
            return;
        }
        cancelledByUser = true;
        if (loop.inLoopThread()) {
            loop.cancel(this);
        } else {
            loop.offerThreadsafe(() -> loop.cancel(this));
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelledByUser;
    }

    @Override
    public long when() {
        return deadline();
    }

    @Override
    public String toString() {
        return "TimerHandle[" + callback + " at " + deadline + (cancelledByUser ? ", cancelled" : "") + "]";
    }
}
