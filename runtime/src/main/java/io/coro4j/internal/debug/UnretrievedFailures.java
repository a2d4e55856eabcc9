package io.coro4j.internal.debug;

import io.coro4j.ExceptionContext;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One loop's ledger of task exceptions nobody has retrieved yet (asyncio's {@code __log_traceback} and
 * its {@code "Task exception was never retrieved"}). A failed task {@link #track tracks} its exception; a
 * {@code join}, {@code result}, {@code exception}, {@code gather} or anything else that hands the
 * exception to someone {@linkplain Report#retrieved() retrieves} it. One never retrieved is reported to
 * the loop's exception handler (which logs it at ERROR by default), with the task and its stack trace,
 * when the task is garbage collected or, at the latest, when the loop closes; each once.
 *
 * <p>The collection is watched with a {@link Cleaner}: its action is the {@link Report}, which holds the
 * task's description and exception but never the task, so that the task can become unreachable. An
 * exception that itself refers to its task keeps the task alive, and is then reported only at the close.
 *
 * <p>{@link #track} runs on the loop thread; {@link Report#retrieved()} on the loop thread, or on any
 * thread once the loop has closed (a done task's {@code exception()} may be read from anywhere then); the
 * cleaner's thread runs the action.
 */
public final class UnretrievedFailures {
    /** Made at the first failure: a process whose tasks never fail starts no cleaner thread. */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final Set<Report> pending = ConcurrentHashMap.newKeySet();
    /** Where a report goes: the loop's exception handler, from whichever thread reports. */
    private final Consumer<ExceptionContext> sink;
    /** Each failed task is held until {@link #takeAll}: see {@link #holdTasks()}. */
    private volatile boolean holdTasks;

    /** @param sink takes each report, on the loop thread or the cleaner's */
    public UnretrievedFailures(Consumer<ExceptionContext> sink) {
        this.sink = sink;
    }

    /**
     * Starts watching the exception of the failed task {@code task}.
     *
     * @param description the task's {@code toString()}, taken now: the report must not keep the task
     */
    public Report track(Object task, String description, Throwable failure) {
        Report report = new Report(this, description, failure);
        if (holdTasks) {
            report.heldTask = task; // the cleaner never sees it unreachable: it waits for takeAll
        }
        pending.add(report);
        report.cleanable = CleanerHolder.CLEANER.register(task, report);
        return report;
    }

    /** The loop closes: logs every exception still not retrieved. */
    public void reportAll() {
        for (Report report : new ArrayList<>(pending)) {
            report.run();
        }
    }

    /**
     * For a test's loop: from now on each failed task is held (strongly) until its exception is retrieved
     * or {@link #takeAll} takes it, so that none is reported by the garbage collector's timing in the
     * middle of a test; the test finds them all at its end, every run the same.
     */
    public void holdTasks() {
        holdTasks = true;
    }

    /**
     * Takes every exception not retrieved yet, as a report of it would word it, in no particular order;
     * none of them will be reported. Loop thread.
     */
    public List<ExceptionContext> takeAll() {
        List<ExceptionContext> taken = new ArrayList<>();
        for (Report report : new ArrayList<>(pending)) {
            if (report.settled.compareAndSet(false, true)) {
                pending.remove(report);
                report.heldTask = null;
                taken.add(report.context());
                Cleaner.Cleanable c = report.cleanable;
                if (c != null) {
                    c.clean(); // unregisters; runs the action, which finds it settled
                }
            }
        }
        return taken;
    }

    /** The number of exceptions not retrieved yet (for tests and diagnostics). */
    public int size() {
        return pending.size();
    }

    /**
     * The state shared between a failed task and its cleaning action: the exception, and whether it was
     * retrieved or reported (whichever comes first; the other then does nothing).
     */
    public static final class Report implements Runnable {
        private final UnretrievedFailures ledger;
        private final String description;
        private final Throwable failure;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Cleaner.Cleanable cleanable;
        /** The task, held until the report is settled when the ledger {@link #holdTasks holds tasks}. */
        private volatile Object heldTask;

        private Report(UnretrievedFailures ledger, String description, Throwable failure) {
            this.ledger = ledger;
            this.description = description;
            this.failure = failure;
        }

        /** Someone took the exception: it is never reported. */
        public void retrieved() {
            if (settled.compareAndSet(false, true)) {
                ledger.pending.remove(this);
                heldTask = null;
                Cleaner.Cleanable c = cleanable;
                if (c != null) {
                    c.clean(); // unregisters early; runs this action, which finds it settled
                }
            }
        }

        /** The cleaning action (the task was collected), or the loop's close: log once, unless retrieved. */
        @Override
        public void run() {
            if (settled.compareAndSet(false, true)) {
                ledger.pending.remove(this);
                heldTask = null;
                ledger.sink.accept(context());
            }
        }

        private ExceptionContext context() {
            return ExceptionContext.of("Task exception was never retrieved: " + description, failure);
        }
    }
}
