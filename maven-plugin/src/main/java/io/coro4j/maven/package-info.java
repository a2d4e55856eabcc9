/**
 * The Maven plugin {@code io.coro4j:coro4j-maven-plugin}: goals {@code instrument} (over
 * {@code target/classes}) and {@code instrument-test} (over {@code target/test-classes}) run the agent's
 * rewriter at build time ({@code io.coro4j.instrument.offline}), so that the program needs no agent.
 */
package io.coro4j.maven;
