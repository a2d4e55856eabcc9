/**
 * coro4j: Python asyncio's coroutines for plain Java. Methods annotated {@link io.coro4j.Async} are
 * rewritten by the coro4j agent into resumable state machines; {@link io.coro4j.Coro} runs them as
 * {@link io.coro4j.Task tasks} on a single-threaded event loop.
 *
 * <p>This package and {@code io.coro4j.sync} (locks, events, conditions, semaphores, barriers and
 * queues) are the public API. Everything under {@code io.coro4j.internal} may change without notice;
 * {@code io.coro4j.protocol} is the contract with rewritten code.
 */
package io.coro4j;
