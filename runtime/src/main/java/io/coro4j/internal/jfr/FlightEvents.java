package io.coro4j.internal.jfr;

import io.coro4j.Task;
import io.coro4j.internal.debug.StackPrinter;
import java.util.List;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * What {@link Flight} does while a recording runs: makes, fills and commits the events. Loaded when
 * {@link Flight} installs the listener; the event classes themselves load and register only when the
 * recorder is initialized ({@link Listener#recorderInitialized}).
 */
final class FlightEvents {
    private FlightEvents() {}

    /** Installs the listener that keeps {@link Flight#recording} true while a recording runs. */
    static void listen() {
        if (!FlightRecorder.isAvailable()) {
            return;
        }
        FlightRecorder.addListener(new Listener()); // calls recorderInitialized now when it is initialized
        if (FlightRecorder.isInitialized()) {
            update(); // a recording started before this loop (-XX:StartFlightRecording) changes no state now
        }
    }

    private static final class Listener implements FlightRecorderListener {
        @Override
        public void recorderInitialized(FlightRecorder recorder) {
            for (Class<? extends jdk.jfr.Event> type : List.of(TaskCreatedEvent.class, TaskFinishedEvent.class,
                    SlowStepEvent.class, LoopLagEvent.class, SelectorRebuiltEvent.class, WriterPausedEvent.class)) {
                FlightRecorder.register(type);
            }
        }

        @Override
        public void recordingStateChanged(Recording recording) {
            update();
        }
    }

    private static void update() {
        boolean running = false;
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
            running |= r.getState() == RecordingState.RUNNING;
        }
        Flight.recording = running;
    }

    static void taskCreated(Task<?> task, Task<?> parent) {
        TaskCreatedEvent e = new TaskCreatedEvent();
        if (e.shouldCommit()) {
            e.task = task.getName();
            e.coroutine = String.valueOf(task.getCoro());
            e.parent = parent == null ? null : parent.getName();
            e.commit();
        }
    }

    static void taskFinished(Task<?> task, Throwable failure, boolean cancelled) {
        TaskFinishedEvent e = new TaskFinishedEvent();
        if (e.shouldCommit()) {
            e.task = task.getName();
            e.coroutine = String.valueOf(task.getCoro());
            e.outcome = cancelled ? "cancelled" : failure != null ? "failed" : "succeeded";
            e.exception = failure == null ? null : failure.toString();
            e.commit();
        }
    }

    static Object stepStarts() {
        SlowStepEvent e = new SlowStepEvent();
        if (!e.isEnabled()) {
            return null;
        }
        e.begin();
        return e;
    }

    static void stepEnded(Object started, Runnable callback) {
        SlowStepEvent e = (SlowStepEvent) started;
        e.end();
        if (e.shouldCommit()) {
            e.callback = String.valueOf(callback);
            if (callback instanceof Task) {
                Task<?> task = (Task<?>) callback;
                e.task = task.getName();
                if (!task.isDone()) {
                    StringBuilder frames = new StringBuilder();
                    StackPrinter.appendFrames(frames, task.getStack());
                    e.frames = frames.length() == 0 ? null : frames.substring(1); // without the first newline
                }
            }
            e.commit();
        }
    }

    static void loopLag(long lateNanos, int due) {
        LoopLagEvent e = new LoopLagEvent();
        e.lag = lateNanos;
        e.timers = due;
        if (e.shouldCommit()) {
            e.commit();
        }
    }

    static void selectorRebuilt(int keys, String reason) {
        SelectorRebuiltEvent e = new SelectorRebuiltEvent();
        if (e.shouldCommit()) {
            e.keys = keys;
            e.reason = reason;
            e.commit();
        }
    }

    static void writerPaused(String connection, long buffered, long highWater) {
        WriterPausedEvent e = new WriterPausedEvent();
        if (e.shouldCommit()) {
            e.connection = connection;
            e.buffered = buffered;
            e.highWater = highWater;
            e.commit();
        }
    }
}
