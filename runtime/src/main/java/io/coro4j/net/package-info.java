/**
 * Network streams (asyncio's streams): {@link io.coro4j.net.Streams#openConnection} for a client's
 * {@link io.coro4j.net.StreamReader} and {@link io.coro4j.net.StreamWriter}, and
 * {@link io.coro4j.net.Streams#startServer} for a {@link io.coro4j.net.Server} that runs a
 * {@link io.coro4j.net.ConnectionHandler} per connection, as a task of its own; over TCP and Unix domain
 * sockets, plain or TLS ({@link io.coro4j.net.TlsOptions}, {@link io.coro4j.net.StreamWriter#startTls}), tuned
 * by {@link io.coro4j.net.StreamOptions}; and UDP, {@link io.coro4j.net.DatagramEndpoint} (asyncio's
 * {@code create_datagram_endpoint}, pulled: {@code receive()} returns a {@link io.coro4j.net.Datagram}).
 *
 * <p>Semantics are asyncio's, with these choices where asyncio has traps:
 * <ul>
 *   <li>Reading is pulled: a reader takes bytes from the socket only when a read asks, so a cancelled read
 *       loses no byte (they stay in the reader for the next read), an idle connection holds no buffer, and
 *       a peer that sends faster than the reader reads is held back by TCP itself.</li>
 *   <li>{@link io.coro4j.net.StreamWriter#drain()} yields now and then even when it need not wait, so that a
 *       tight write loop cannot starve the other tasks (asyncio's gh-75279); many tasks may drain one writer
 *       at once (asyncio's old {@code AssertionError}, cpython#74116).</li>
 *   <li>A connection ends with its handler: when the handler returns or throws, its connection is closed
 *       (what it wrote is still sent; a task the handler left writing finds its writes dropped and its drain
 *       throwing, as for a lost connection). So {@link io.coro4j.net.Server#waitClosed()} cannot hang on a forgotten
 *       writer (gh-114914), and {@link io.coro4j.net.Server#closeClients()} and
 *       {@link io.coro4j.net.Server#abortClients()} end the connections that would keep it waiting.</li>
 *   <li>Errors name the peer: a reset, a broken pipe, a stream that ended early.</li>
 * </ul>
 *
 * <p>Every object here belongs to the event loop that made it and is used from that loop's tasks; another
 * thread reaches them through {@code EventLoop.submit}. Below the streams, the transport layer is in
 * {@code io.coro4j.internal.io} (TLS is a transport there, over the plain one).
 */
package io.coro4j.net;
