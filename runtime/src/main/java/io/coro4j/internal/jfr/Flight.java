package io.coro4j.internal.jfr;

import io.coro4j.Task;
import jdk.jfr.FlightRecorder;

/**
 * The runtime's JDK Flight Recorder events, seen from the code that emits them: one static flag,
 * {@link #recording}, and one static method per event. The loop and the tasks read the flag once per turn
 * or per task and call in only when it is set, so a program that never records pays a field read and
 * nothing else: no event object, no clock read, none of the event classes loaded (see
 * {@link FlightEvents}, which this class calls only while a recording runs).
 *
 * <p>Each method checks the flag itself too, so that the network code may call its two events in one line
 * each, unguarded: {@code Flight.selectorRebuilt(keys, "epoll spin")},
 * {@code Flight.writerPaused(peer, buffered, highWater)}.
 *
 * <p>The flag is set by a {@code FlightRecorderListener} that this class installs when it is first used (at
 * the first turn of the first loop, from a thread of its own unless a recording runs already), while a
 * recording of this JVM runs (started by {@code -XX:StartFlightRecording}, {@code jcmd <pid>
 * JFR.start}, JDK Mission Control or the {@code jdk.jfr} API), and cleared when the last one stops. The
 * event classes are registered when the recorder is initialized (Netty 4.2's pattern), so they are in
 * every recording's settings, not only in those that saw one.
 */
public final class Flight {
    /** Whether a recording runs in this JVM. Volatile: a loop that runs for hours sees a recording start. */
    public static volatile boolean recording;

    static {
        try {
            if (FlightRecorder.isInitialized()) {
                FlightEvents.listen(); // a recording began with the JVM: listen now, and miss no task
            } else {
                // Listening loads and initializes jdk.jfr's support classes, which takes about 15 ms on JDK 17
                // (1 ms on JDK 25): a thread of its own pays it, not the loop's first turn. A recording that
                // starts meanwhile is seen when the listener is added.
                Thread listen = new Thread(new Listen(), "coro4j-jfr");
                listen.setDaemon(true);
                listen.start();
            }
        } catch (LinkageError | RuntimeException e) {
            // no JFR in this runtime image (or not allowed): nothing is ever recorded
        }
    }

    /** Adds the listener (a class, not a lambda: the first lambda of a JVM costs milliseconds). */
    private static final class Listen implements Runnable {
        @Override
        public void run() {
            try {
                FlightEvents.listen();
            } catch (LinkageError | RuntimeException e) {
                // as above: nothing is recorded
            }
        }
    }

    private Flight() {}

    /** A task was made, by {@code running}: the continuation running then (its parent task), or null. */
    public static void taskCreated(Task<?> task, Object running) {
        if (recording) {
            FlightEvents.taskCreated(task, running instanceof Task ? (Task<?>) running : null);
        }
    }

    /**
     * A task is done: succeeded when {@code failure} is null and it was not {@code cancelled}.
     */
    public static void taskFinished(Task<?> task, Throwable failure, boolean cancelled) {
        if (recording) {
            FlightEvents.taskFinished(task, failure, cancelled);
        }
    }

    /**
     * A callback or task step is about to run: returns what {@link #stepEnded} takes after it, or null when
     * slow steps are not recorded.
     */
    public static Object stepStarts() {
        return recording ? FlightEvents.stepStarts() : null;
    }

    /** The step that {@code started} began ran {@code callback} (asyncio's slow-callback warning, as an event). */
    public static void stepEnded(Object started, Runnable callback) {
        if (started != null) {
            FlightEvents.stepEnded(started, callback);
        }
    }

    /** The loop found {@code due} timers due, the first of them {@code lateNanos} after its deadline. */
    public static void loopLag(long lateNanos, int due) {
        if (recording) {
            FlightEvents.loopLag(lateNanos, due);
        }
    }

    /**
     * The loop made a new selector and moved its {@code keys} registrations onto it (the JDK's epoll spin,
     * Netty's {@code rebuildSelector}); {@code reason} says why. For the network code.
     */
    public static void selectorRebuilt(int keys, String reason) {
        if (recording) {
            FlightEvents.selectorRebuilt(keys, reason);
        }
    }

    /**
     * A stream writer stopped its writers (flow control): {@code buffered} bytes wait to be sent, above the
     * high-water mark {@code highWater}. For the network code.
     */
    public static void writerPaused(String connection, long buffered, long highWater) {
        if (recording) {
            FlightEvents.writerPaused(connection, buffered, highWater);
        }
    }
}
