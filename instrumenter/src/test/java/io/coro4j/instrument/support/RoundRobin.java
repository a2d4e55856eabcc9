package io.coro4j.instrument.support;

import io.coro4j.protocol.Carrier;
import io.coro4j.protocol.Continuation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Several tasks without an event loop, interleaved: each body has a continuation of its own, and
 * each time one suspends the next one that is not done takes a step, round-robin, until all are done.
 * What {@link Driver} does for one body, with the tasks' saved frames alive side by side.
 *
 * <p>A body may ask, just before it suspends, that its next resume throw an exception instead of
 * returning ({@link #failNextResume}): the way cancellation reaches a suspended task.
 */
public final class RoundRobin {
    /** What one body did. */
    public static final class Outcome {
        public final Object result;
        public final Throwable failure;
        public final int suspensions;

        Outcome(Object result, Throwable failure, int suspensions) {
            this.result = result;
            this.failure = failure;
            this.suspensions = suspensions;
        }
    }

    private static final class Lane extends Continuation {
        final Callable<?> body;
        Throwable nextFailure;
        int suspensions;
        Outcome outcome;

        Lane(Callable<?> body) {
            this.body = body;
        }

        /** One step: runs or resumes the body until it suspends or ends. */
        void step() {
            Continuation previous = Carrier.get().switchTo(this);
            try {
                if (awaitsResume()) {
                    Throwable failure = nextFailure;
                    nextFailure = null;
                    prepareResume(null, failure);
                }
                Object result = body.call();
                if (endStepSuspended()) {
                    suspensions++;
                } else {
                    outcome = new Outcome(result, null, suspensions);
                }
            } catch (Throwable t) {
                outcome = new Outcome(null, endStepFailed(t), suspensions);
            } finally {
                Carrier.get().switchTo(previous);
            }
        }
    }

    private RoundRobin() {}

    /** Runs the bodies interleaved, to the end; the outcomes come in the order of the bodies. */
    public static List<Outcome> run(List<? extends Callable<?>> bodies) {
        List<Lane> lanes = new ArrayList<>();
        for (Callable<?> body : bodies) {
            lanes.add(new Lane(body));
        }
        int pending = lanes.size();
        while (pending > 0) {
            for (Lane lane : lanes) {
                if (lane.outcome == null) {
                    lane.step();
                    if (lane.outcome != null) {
                        pending--;
                    }
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Lane lane : lanes) {
            outcomes.add(lane.outcome);
        }
        return outcomes;
    }

    /**
     * Called by a body running under {@link #run}, right before it suspends: its next resume throws
     * {@code failure} out of the suspension point.
     */
    public static void failNextResume(Throwable failure) {
        Continuation running = Carrier.get().running();
        if (!(running instanceof Lane)) {
            throw new IllegalStateException("not running under RoundRobin");
        }
        ((Lane) running).nextFailure = failure;
    }
}
