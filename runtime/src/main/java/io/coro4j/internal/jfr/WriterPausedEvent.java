package io.coro4j.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** {@code io.coro4j.WriterPaused}: a stream writer's buffer passed its high-water mark (for the network code). */
@Name("io.coro4j.WriterPaused")
@Label("Writer Paused")
@Category({"coro4j", "Network"})
@Description("A connection's writers wait in drain(): its send buffer is above the high-water mark")
final class WriterPausedEvent extends jdk.jfr.Event {
    @Label("Connection")
    String connection;

    @Label("Buffered")
    @Description("The bytes waiting to be sent")
    @DataAmount
    long buffered;

    @Label("High-Water Mark")
    @DataAmount
    long highWater;
}
