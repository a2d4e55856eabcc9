package io.coro4j.internal.task;

import io.coro4j.internal.debug.StackPrinter;
import io.coro4j.internal.loop.LoopCore;

import java.util.List;

/**
 * The task dump of a loop: what {@code jstack} is to threads, for tasks. Every pending task, in the
 * order they were made: its asyncio repr, its state and what it waits on, and its suspended stack
 * innermost first, printed as a Java stack trace is:
 *
 * <pre>
 * Task dump of the event loop of thread "main": 3 pending tasks, 1 callback ready, 1 timer
 *
 * &lt;Task pending name='Task-1' coro=&lt;Main.main() running at Main.java:30&gt;&gt;
 *    state: waiting on task 'fetcher'
 * 	at io.coro4j.internal.task.TaskImpl.join(TaskImpl.java:380)
 * 	at Main.main(Main.java:30)
 *
 * &lt;Task pending name='fetcher' coro=&lt;Main.fetch() running at Main.java:12&gt;&gt;
 *    state: waiting on sleep, 4.997 s left
 * 	at io.coro4j.Coro.sleep(Coro.java:141)
 * 	at Main.fetch(Main.java:12)
 * </pre>
 *
 * A dump is taken on the loop thread, between callbacks or by a task of the loop; other threads ask for
 * one through the loop ({@code io.coro4j.EventLoop.dumpTasks()}).
 */
public final class TaskDump {
    private TaskDump() {}

    /** The dump of {@code loop}'s pending tasks. Loop thread only. */
    public static String of(LoopCore loop) {
        if (!loop.inLoopThread()) {
            throw new IllegalStateException("a task dump is taken on the loop's thread, "
                    + loop.thread().getName() + "; from other threads use EventLoop.dumpTasks()");
        }
        if (loop.isClosed()) {
            return "the event loop of thread \"" + loop.thread().getName() + "\" is closed";
        }
        List<TaskImpl<?>> pending = TaskIntrospection.pending(loop);
        StringBuilder b = new StringBuilder("Task dump of the event loop of thread \"")
                .append(loop.thread().getName()).append("\": ")
                .append(count(pending.size(), "pending task", "pending tasks")).append(", ")
                .append(count(loop.readyCount(), "callback ready", "callbacks ready")).append(", ")
                .append(count(loop.timerCount(), "timer", "timers")).append('\n');
        for (TaskImpl<?> task : pending) {
            b.append('\n').append(task).append("\n   state: ").append(TaskIntrospection.describeState(task));
            StackPrinter.appendFrames(b, task.getStack());
            b.append('\n');
        }
        return b.toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
