package io.coro4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * {@code io.coro4j.LoopLag}: timers fired late, because the loop was busy (or blocked) when they were due.
 * At most one per turn of the loop, for the most overdue timer; recorded when it is at least
 * {@code minimumLag} late (1 ms by default; {@code io.coro4j.LoopLag#minimumLag=20 ms} in a {@code .jfc}).
 */
@Name("io.coro4j.LoopLag")
@Label("Loop Lag")
@Category({"coro4j", "Event Loop"})
@Description("How late the event loop ran its most overdue timer")
@StackTrace(false)
final class LoopLagEvent extends jdk.jfr.Event {
    @Label("Lag")
    @Description("How long after its deadline the most overdue timer was found due")
    @Timespan(Timespan.NANOSECONDS)
    long lag;

    @Label("Timers")
    @Description("The timers (and sleeps) found due in that turn")
    int timers;

    @Label("Minimum Lag")
    @Description("Record a lag only from this long on")
    @Name("minimumLag")
    @SettingDefinition
    protected boolean minimumLag(MinimumLag setting) {
        return lag >= setting.nanos();
    }
}
