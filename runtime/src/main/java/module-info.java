/**
 * coro4j's runtime: asyncio's task model for plain Java. Applications use {@code io.coro4j} (the API:
 * {@code Coro}, {@code Task}, {@code @Async}, the event loop), {@code io.coro4j.sync} (locks, events,
 * queues) and {@code io.coro4j.net} (streams, servers, TLS and UDP on the loop). Code rewritten by coro4j
 * (the Maven plugin, the command line or the agent) calls {@code io.coro4j.protocol} and carries its mark,
 * {@code @Rewritten}: exported for that, not for people.
 * Everything under {@code io.coro4j.internal} is the runtime's own; the JUnit extension reaches its one
 * entry point, {@code io.coro4j.internal.testing}, through a qualified export.
 *
 * <p>{@code java.management} serves each loop's MBean (its task dump for jconsole and JMX clients);
 * {@code jdk.jfr} the runtime's Flight Recorder events, which cost nothing until a recording starts.
 */
@SuppressWarnings("module") // io.coro4j.junit is built after this module
module io.coro4j {
    requires java.management;
    requires jdk.jfr;

    exports io.coro4j;
    exports io.coro4j.sync;
    exports io.coro4j.net;
    exports io.coro4j.protocol;

    exports io.coro4j.internal.testing to io.coro4j.junit;
}
