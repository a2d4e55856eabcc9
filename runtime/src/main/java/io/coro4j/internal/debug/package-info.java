/**
 * Seeing inside a running program, apart from the machinery it watches: the debug mode's switches
 * ({@link io.coro4j.internal.debug.DebugMode}) and its slow-callback warning, the report of task
 * exceptions nobody retrieved ({@link io.coro4j.internal.debug.UnretrievedFailures}), the default
 * exception handler ({@link io.coro4j.internal.debug.ExceptionLog}), the printed form of a suspended
 * stack, and the JMX face of a loop ({@link io.coro4j.internal.debug.LoopDiagnostics}).
 *
 * <p>Nothing here knows the internal loop or task classes: they hand in strings, stacks, threads and
 * callbacks, and the public {@code Task}, {@code EventLoop} and {@code ExceptionContext} are all this
 * package sees of them, so the dependency runs one way (the loop and task packages use debug, never the
 * reverse). The debug pieces cost nothing until they are used: the cleaner and JMX threads start at
 * first need.
 */
package io.coro4j.internal.debug;
