package io.coro4j.instrument.support;

import io.coro4j.AsyncCallable;
import io.coro4j.protocol.Carrier;
import io.coro4j.protocol.Continuation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A minimal task without an event loop: runs a body, and each time it suspends resumes it at once (or
 * delivers an exception at a chosen suspension). Tests of the rewriter use it so that they depend on
 * the protocol alone.
 */
public final class Driver extends Continuation {
    /** What one run did. */
    public static final class Outcome {
        public final Object result;
        public final Throwable failure;
        public final int suspensions;
        public final List<List<StackTraceElement>> stacks;

        Outcome(Object result, Throwable failure, int suspensions, List<List<StackTraceElement>> stacks) {
            this.result = result;
            this.failure = failure;
            this.suspensions = suspensions;
            this.stacks = stacks;
        }
    }

    private final Callable<?> body;
    private final int failAt;
    private final Throwable toDeliver;
    private final Runnable whileSuspended;

    private Driver(Callable<?> body, int failAt, Throwable toDeliver) {
        this(body, failAt, toDeliver, () -> { });
    }

    private Driver(Callable<?> body, int failAt, Throwable toDeliver, Runnable whileSuspended) {
        this.body = body;
        this.failAt = failAt;
        this.toDeliver = toDeliver;
        this.whileSuspended = whileSuspended;
    }

    /** Runs {@code body} to the end, resuming after every suspension. */
    public static Outcome run(AsyncCallable<?> body) {
        return new Driver(body::call, -1, null).drive();
    }

    /** Runs {@code body} reflectively (a method of a rewritten class, called through a plain lambda). */
    public static Outcome runCallable(Callable<?> body) {
        return new Driver(body, -1, null).drive();
    }

    /** Like {@link #run} but the {@code failAt}-th resume (1-based) throws {@code failure} instead. */
    public static Outcome runFailing(Callable<?> body, int failAt, Throwable failure) {
        return new Driver(body, failAt, failure).drive();
    }

    /**
     * Like {@link #runCallable}, and runs {@code whileSuspended} after each suspension, before the
     * resume: the body's frames are then only what the continuation saved.
     */
    public static Outcome runCallable(Callable<?> body, Runnable whileSuspended) {
        return new Driver(body, -1, null, whileSuspended).drive();
    }

    private Outcome drive() {
        int suspensions = 0;
        List<List<StackTraceElement>> stacks = new ArrayList<>();
        while (true) {
            Continuation previous = Carrier.get().switchTo(this);
            try {
                if (awaitsResume()) {
                    boolean fail = suspensions == failAt;
                    prepareResume(null, fail ? toDeliver : null);
                }
                Object result = body.call();
                if (endStepSuspended()) {
                    suspensions++;
                    stacks.add(savedStack());
                    whileSuspended.run();
                    continue;
                }
                return new Outcome(result, null, suspensions, stacks);
            } catch (Throwable t) {
                return new Outcome(null, endStepFailed(t), suspensions, stacks);
            } finally {
                Carrier.get().switchTo(previous);
            }
        }
    }
}
