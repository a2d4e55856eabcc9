package io.coro4j.sync;

import io.coro4j.internal.loop.LoopCore;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * The event loop a primitive belongs to (asyncio's {@code mixins._LoopBoundMixin}): bound by the first
 * use, checked on every use, so that a primitive used from another loop or another thread fails at once
 * with a clear message instead of corrupting its waiters.
 */
final class LoopBinding {
    private static final AtomicReferenceFieldUpdater<LoopBinding, LoopCore> LOOP =
            AtomicReferenceFieldUpdater.newUpdater(LoopBinding.class, LoopCore.class, "loop");

    /** The loop bound to, or null; set once (an updater, not an {@code AtomicReference}: one load less). */
    private volatile LoopCore loop;
    private final Object owner;

    LoopBinding(Object owner) {
        this.owner = owner;
    }

    /**
     * The loop running on this thread, which must be the one the primitive is bound to (binding it when it
     * is not bound yet).
     *
     * @throws IllegalStateException when no loop runs on this thread, or another loop does
     */
    LoopCore check() {
        return check(LoopCore.current());
    }

    /**
     * {@link #check()} for {@code current}, the loop running on this thread (null when none does): a task
     * has it at hand, its own loop, without a second look-up.
     */
    LoopCore check(LoopCore current) {
        if (loop == current && current != null) {
            return current; // bound to it already: every use but the first
        }
        return bind(current);
    }

    /** {@link #check(LoopCore)} when the primitive is not bound to {@code current} yet. */
    private LoopCore bind(LoopCore current) {
        if (current == null) {
            throw new IllegalStateException(name() + " used on thread " + Thread.currentThread().getName()
                    + ", where no event loop runs: use it from the tasks and callbacks of its loop"
                    + " (from other threads, through EventLoop.callSoonThreadsafe or EventLoop.submit)");
        }
        if (LOOP.compareAndSet(this, null, current)) {
            return current;
        }
        LoopCore bound = loop;
        if (bound != current) {
            throw new IllegalStateException(name() + " is bound to a different event loop (" + bound
                    + "), used from " + current);
        }
        return current;
    }

    private String name() {
        return owner.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(owner));
    }
}
