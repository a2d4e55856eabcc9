package io.coro4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** {@code io.coro4j.SelectorRebuilt}: the loop replaced its selector (for the network code). */
@Name("io.coro4j.SelectorRebuilt")
@Label("Selector Rebuilt")
@Category({"coro4j", "Network"})
@Description("The event loop made a new selector and moved its registrations onto it")
@StackTrace(false)
final class SelectorRebuiltEvent extends jdk.jfr.Event {
    @Label("Keys")
    @Description("The registrations moved to the new selector")
    int keys;

    @Label("Reason")
    String reason;
}
