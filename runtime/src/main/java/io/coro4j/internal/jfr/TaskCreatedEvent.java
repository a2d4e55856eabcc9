package io.coro4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code io.coro4j.TaskCreated}: a task was made ({@code Coro.run}, {@code createTask}, a task group's). */
@Name("io.coro4j.TaskCreated")
@Label("Task Created")
@Category({"coro4j", "Tasks"})
@Description("A task was created; its stack trace shows where")
final class TaskCreatedEvent extends jdk.jfr.Event {
    @Label("Task")
    @Description("The task's name, Task-N unless it was given one")
    String task;

    @Label("Coroutine")
    @Description("The coroutine method the task runs")
    String coroutine;

    @Label("Parent")
    @Description("The task that created it; none for Coro.run's main task or a callback's")
    String parent;
}
