package io.coro4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * {@code io.coro4j.SlowStep}: a task step or callback held the loop at least the threshold (100 ms by
 * default, asyncio's {@code slow_callback_duration}), so every other task waited that long: the debug mode's
 * slow-callback warning, as an event, recorded whether or not the loop is in debug mode.
 */
@Name("io.coro4j.SlowStep")
@Label("Slow Step")
@Category({"coro4j", "Event Loop"})
@Description("A task step or callback held the event loop's thread at least the threshold")
@Threshold("100 ms")
@StackTrace(false)
final class SlowStepEvent extends jdk.jfr.Event {
    @Label("Callback")
    @Description("The task (as its toString()) or the callback that ran")
    String callback;

    @Label("Task")
    @Description("The task's name, when a task's step ran")
    String task;

    @Label("Frames")
    @Description("Where the task waits after the step, innermost first: the slow code ran just before")
    String frames;
}
