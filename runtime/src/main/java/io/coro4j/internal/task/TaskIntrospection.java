package io.coro4j.internal.task;

import io.coro4j.internal.loop.LoopCore;
import io.coro4j.protocol.Carrier;
import io.coro4j.protocol.Continuation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Seeing tasks from outside their state machine, on the loop's thread: which tasks are pending, in the
 * order {@code allTasks()} gives (asyncio's set has none; coro4j gives creation order), where a task
 * stands (its saved frames, or its live ones while its step runs), its state in a few words and its
 * repr. {@link TaskDump} prints them; {@link TaskImpl}'s {@code getStack} and {@code toString} are them.
 */
public final class TaskIntrospection {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String PROTOCOL_PREFIX = Continuation.class.getPackageName() + ".";
    private static final String OWN_PREFIX = TaskIntrospection.class.getPackageName() + ".";
    private static final String COMPLETION = Completion.class.getName();

    private TaskIntrospection() {}

    /**
     * The tasks of {@code loop} that are not done, in creation order. A pending task is found in one of
     * the places {@link TaskImpl}'s class comment lists: running, queued (ready queue, timer queue), or in
     * the loop's registry. Loop thread only.
     */
    public static List<TaskImpl<?>> pending(LoopCore loop) {
        List<TaskImpl<?>> found = new ArrayList<>();
        Consumer<Object> take = o -> {
            if (o instanceof TaskImpl && ((TaskImpl<?>) o).loop() == loop && !((TaskImpl<?>) o).done()) {
                found.add((TaskImpl<?>) o);
            }
        };
        take.accept(loop.carrier().running());
        loop.forEachQueued(take);
        loop.tasks().snapshot().forEach(take);
        found.sort(creationOrder(TaskImpl.nextNumber()));
        List<TaskImpl<?>> tasks = new ArrayList<>(found.size());
        for (TaskImpl<?> t : found) {
            if (tasks.isEmpty() || tasks.get(tasks.size() - 1) != t) { // a task may be found twice
                tasks.add(t);
            }
        }
        return tasks;
    }

    /**
     * Oldest first, given the next unnamed task's number: numbers wrap, their distance from the next one
     * does not (below 2<sup>32</sup> tasks). A task named at creation holds the number of the unnamed task
     * made after it, so it comes before that one; named tasks holding the same number were made one after
     * the other on this loop, and their loop ordinals (close together, compared by their difference) order
     * them.
     */
    private static Comparator<TaskImpl<?>> creationOrder(int next) {
        return (a, b) -> {
            int byNumber = Integer.compareUnsigned(next - b.number(), next - a.number());
            if (byNumber != 0) {
                return byNumber;
            }
            boolean aNamed = a.namedAtCreation();
            if (aNamed != b.namedAtCreation()) {
                return aNamed ? -1 : 1;
            }
            return aNamed ? Integer.signum(a.ordinal() - b.ordinal()) : 0;
        };
    }

    /**
     * Where the task stands, innermost frame first ({@code Task.getStack()}): for the task running now,
     * its live frames; for one suspended, its saved frames without the protocol's and the completion's it
     * awaits (the frame that awaits it names the wait); empty when done.
     */
    static List<StackTraceElement> stack(TaskImpl<?> task) {
        if (task.done()) {
            return new ArrayList<>();
        }
        if (isRunningHere(task)) {
            return runningStack();
        }
        List<StackTraceElement> stack = task.savedFrames();
        stack.removeIf(e -> e.getClassName().startsWith(PROTOCOL_PREFIX) || e.getClassName().equals(COMPLETION));
        return stack;
    }

    /**
     * The state of a pending task in a few words, for a task dump: {@code scheduled} (a step is queued;
     * {@code not started} before its first), {@code running}, or {@code waiting on} what it waits on; with
     * {@code cancel requested} while a cancel is on its way to the body.
     */
    public static String describeState(TaskImpl<?> task) {
        int s = task.state();
        if (!TaskImpl.isPending(s)) {
            return "done";
        }
        String d;
        if (TaskImpl.isRunning(s)) {
            d = "running";
        } else if (TaskImpl.isStepScheduled(s)) {
            d = TaskImpl.isStarted(s) ? "scheduled" : "scheduled, not started";
        } else {
            Object w = task.waitingOn();
            d = w == task ? "waiting on " + describeSleep(task)
                    : w instanceof Waitable ? ((Waitable) w).waitingState() : "waiting on " + w;
        }
        return TaskImpl.mustCancel(s) ? d + ", cancel requested" : d;
    }

    private static String describeSleep(TaskImpl<?> task) {
        LoopCore loop = task.loop();
        long left = task.timerSlot() == 0 ? 0 : loop.sleepDeadline(task) - loop.time();
        return left <= 0 ? "sleep, due" : String.format(Locale.ROOT, "sleep, %.3f s left", left / 1e9);
    }

    /**
     * asyncio's repr: {@code <Task pending name='Task-1' coro=<Main.main() running at Main.java:14>>},
     * {@code <Task finished name='Task-3' coro=<Main.work() done> result=42>}, cancelled, failed.
     */
    static String repr(TaskImpl<?> task) {
        int s = task.state();
        StringBuilder b = new StringBuilder("<Task ");
        b.append(TaskImpl.isPending(s) ? (task.cancelCount() > 0 ? "cancelling" : "pending")
                : TaskImpl.isCancelled(s) ? "cancelled" : "finished");
        b.append(" name='").append(task.name()).append("' coro=<").append(CoroutineNames.of(task.body()))
                .append("()");
        if (!TaskImpl.isPending(s)) {
            b.append(" done");
        } else {
            StackTraceElement at = where(task);
            if (at != null) {
                b.append(" running at ").append(at.getFileName() != null ? at.getFileName() : "Unknown Source");
                if (at.getLineNumber() >= 0) {
                    b.append(':').append(at.getLineNumber());
                }
            }
        }
        b.append('>');
        Object result = task.resultOrFailure();
        if (TaskImpl.isSucceeded(s)) {
            b.append(" result=").append(result instanceof CharSequence ? "'" + result + "'" : String.valueOf(result));
        } else if (TaskImpl.isFailed(s)) {
            b.append(" exception=").append(result);
        }
        return b.append('>').toString();
    }

    /**
     * Where the coroutine stands: its outermost frame (the body's; for a {@link DelegatingBody}, the
     * outermost frame of the coroutine it calls), or null when unknown.
     */
    private static StackTraceElement where(TaskImpl<?> task) {
        List<StackTraceElement> stack = isRunningHere(task) ? runningStack() : task.savedFrames();
        int outermost = stack.size() - 1;
        if (task.body() instanceof DelegatingBody) {
            String wrapper = task.body().getClass().getName();
            while (outermost > 0 && stack.get(outermost).getClassName().equals(wrapper)) {
                outermost--;
            }
        }
        return outermost < 0 ? null : stack.get(outermost);
    }

    /** Whether the task's step is running on the calling thread now. */
    private static boolean isRunningHere(TaskImpl<?> task) {
        return TaskImpl.isRunning(task.state()) && Carrier.get().running() == task;
    }

    /**
     * The running task's frames, innermost first: those of the current thread between the body's frame
     * (the one just above {@code TaskImpl.callBody}) and the first frame that is not this package's
     * introspection. Lambda proxy frames are hidden from the walker already.
     */
    private static List<StackTraceElement> runningStack() {
        return WALKER.walk(frames -> {
            List<StackTraceElement> stack = new ArrayList<>();
            boolean inTask = false;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String cls = f.getClassName();
                if (cls.equals(TaskImpl.class.getName()) && f.getMethodName().equals(TaskImpl.CALL_BODY)) {
                    break;
                }
                if (!inTask && cls.startsWith(OWN_PREFIX)) {
                    continue;
                }
                inTask = true;
                if (!cls.contains("$$Lambda")) {
                    stack.add(f.toStackTraceElement());
                }
            }
            return stack;
        });
    }
}
