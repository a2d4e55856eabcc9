package io.coro4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code io.coro4j.TaskFinished}: a task is done, and how. */
@Name("io.coro4j.TaskFinished")
@Label("Task Finished")
@Category({"coro4j", "Tasks"})
@Description("A task is done: succeeded, failed or cancelled")
@StackTrace(false)
final class TaskFinishedEvent extends jdk.jfr.Event {
    @Label("Task")
    String task;

    @Label("Coroutine")
    String coroutine;

    @Label("Outcome")
    @Description("succeeded, failed or cancelled")
    String outcome;

    @Label("Exception")
    @Description("What a failed task threw")
    String exception;
}
