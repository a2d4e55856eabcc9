/**
 * I/O on the event loop, below the public streams: the wait of a task for a channel's readiness
 * ({@link io.coro4j.internal.io.IoWait}, a completion in a slot of the channel's registration with the
 * loop's selector) and the loop's low-level socket operations ({@link io.coro4j.internal.io.Sockets},
 * asyncio's {@code sock_*}, behind {@code io.coro4j.EventLoop}).
 *
 * <p>Every operation here tries the I/O at once and waits for readiness only when the channel cannot take
 * it: a task waits for readiness, never for data, so a cancel never loses a byte.
 */
package io.coro4j.internal.io;
