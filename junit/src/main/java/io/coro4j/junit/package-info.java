/**
 * The JUnit 5 extension of coro4j: {@link io.coro4j.junit.CoroTest} runs a test method as the main
 * coroutine of its own event loop, with its {@code @BeforeEach} and {@code @AfterEach} methods on the same
 * loop, virtual time on request ({@link io.coro4j.junit.TestClock}), and a failure for a test that leaves
 * tasks pending or task exceptions nobody retrieved. {@link io.coro4j.junit.CoroExtension} does the work;
 * it reaches the runtime through one internal entry point, {@code io.coro4j.internal.testing.TestLoop}.
 */
package io.coro4j.junit;
