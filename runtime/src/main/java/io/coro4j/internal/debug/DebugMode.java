package io.coro4j.internal.debug;

import java.time.Duration;

/**
 * The process-wide defaults of the debug switches, read once from system properties when the runtime
 * first needs them (asyncio's {@code PYTHONASYNCIODEBUG} and {@code loop.slow_callback_duration}):
 *
 * <ul>
 *   <li>{@code -Dcoro4j.debug=true}: every new loop starts in debug mode (else only those run with
 *       {@code Coro.run(main, true)} or switched with {@code EventLoop.setDebug}).
 *   <li>{@code -Dcoro4j.slowCallbackMillis=N}: in debug mode, a task step or callback that holds the loop
 *       longer than N milliseconds is logged (default 100, asyncio's 0.1 s).
 *   <li>{@code -Dcoro4j.jmx=false}: loops are not registered as MBeans (they are by default).
 * </ul>
 */
public final class DebugMode {
    /** Whether new loops start in debug mode. */
    public static final boolean DEBUG = Boolean.getBoolean("coro4j.debug");
    /** The default slow-callback threshold of new loops. */
    public static final Duration SLOW_CALLBACK = Duration.ofMillis(Math.max(0, Long.getLong("coro4j.slowCallbackMillis", 100)));
    /** Whether running loops are registered with the platform MBean server. */
    public static final boolean JMX = !"false".equalsIgnoreCase(System.getProperty("coro4j.jmx"));

    private DebugMode() {}
}
