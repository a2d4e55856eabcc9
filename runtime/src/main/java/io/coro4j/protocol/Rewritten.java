package io.coro4j.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that coro4j's rewriter has processed: the agent when the class loaded, or the Maven
 * plugin or the command line at build time. The rewriter adds it to every class it rewrites, and
 * leaves a class that carries it as it is, so that no class is rewritten twice (a build-time rewrite
 * followed by the agent, or a second run of the plugin). The runtime looks for it when a task starts:
 * a body whose class lacks it was never rewritten, and would run without being able to suspend.
 *
 * <p>RUNTIME retention, not CLASS: the JVM keeps visible annotations in the bytes it hands a
 * retransformation ({@code Coro.install()} after a build-time rewrite), and reflection can see it.
 * Adding it is allowed on retransformation (an attribute, not a member).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Rewritten {}
