/**
 * I/O on the event loop, below the public streams of {@code io.coro4j.net}.
 *
 * <ul>
 *   <li>{@link io.coro4j.internal.io.IoWait}: a task's wait for a channel's readiness, a completion in a
 *       slot of the channel's registration with the loop's selector. Every operation here tries its I/O at
 *       once and waits for readiness only when the channel cannot take it: a task waits for readiness,
 *       never for data, so a cancel never loses a byte.</li>
 *   <li>{@link io.coro4j.internal.io.Sockets}: the loop's low-level socket operations (asyncio's
 *       {@code sock_*} and {@code getaddrinfo}), behind {@code io.coro4j.EventLoop}.</li>
 *   <li>{@link io.coro4j.internal.io.Transport}: one connection's byte stream, under the stream reader and
 *       writer; {@link io.coro4j.internal.io.SocketTransport} is the plain one, over a TCP or Unix socket.
 *       </li>
 *   <li>{@link io.coro4j.internal.io.TlsTransport}: TLS over a plain transport (below), and
 *       {@code TlsErrors}, the engine's exceptions in the user's words.</li>
 *   <li>{@link io.coro4j.internal.io.DatagramTransport}: a UDP socket, under {@code DatagramEndpoint}.</li>
 *   <li>{@link io.coro4j.internal.io.WaitList}: tasks waiting for one thing (a drain, a close).</li>
 * </ul>
 *
 * <h2>TLS</h2>
 *
 * <p>The streams ({@code StreamReader}, {@code StreamWriter}, {@code Server}'s connections) see a connection
 * only through {@link io.coro4j.internal.io.Transport}, as asyncio's streams see a transport. TLS goes
 * between them and the socket as {@link io.coro4j.internal.io.TlsTransport}, which wraps a plain
 * {@link io.coro4j.internal.io.SocketTransport} (asyncio's {@code SSLProtocol} and its app transport):
 * <ul>
 *   <li>{@code read(dst)}: plaintext the engine has unwrapped already, else ciphertext from the plain
 *       transport's {@code read} unwrapped into {@code dst} with {@code SSLEngine.unwrap}; 0 when more
 *       ciphertext is needed; -1 after the peer's {@code close_notify}. {@code awaitReadable()}: the plain
 *       transport's, unless plaintext is held. Reading stays pulled, so a cancelled read loses nothing.</li>
 *   <li>{@code write(...)}: {@code SSLEngine.wrap} into a network buffer handed to the plain transport's
 *       {@code write}; {@code writeBufferSize()} and {@code awaitDrained()} count the plain transport's buffer
 *       (plus any plaintext held back during a handshake).</li>
 *   <li>{@code canWriteEof()} false (asyncio's is false over SSL); {@code close()} sends
 *       {@code close_notify} then closes the plain transport; {@code abort()} aborts it;
 *       {@code extraInfo} adds {@code "sslcontext"}, {@code "sslsession"} (asyncio's {@code "ssl_object"}),
 *       {@code "peercert"}, {@code "cipher"}, {@code "protocol"} to the plain transport's.</li>
 *   <li>The handshake runs before the streams are handed out: in {@code Streams.openConnection} (the
 *       client's, under a handshake timeout) and, for a server, at the start of each connection's task before
 *       the handler runs. The engine's delegated tasks go to an executor (the default one of
 *       {@code Coro.toThread}, or {@code TlsOptions.executor}), never the loop (Netty's lesson, netty#8847).
 *       asyncio's {@code StreamWriter.start_tls} replaces the reader's and the writer's transport (one field
 *       each) with a {@code TlsTransport} over the same plain one; bytes the reader held are handed to it as
 *       the start of the peer's handshake.</li>
 *   <li>{@link io.coro4j.internal.io.SocketTransport#setListener} stays on the plain transport: the server
 *       counts a connection until its socket closes.</li>
 * </ul>
 */
package io.coro4j.internal.io;
