package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.ExceptionContext;
import io.coro4j.internal.io.Addresses;
import io.coro4j.internal.io.SocketTransport;
import io.coro4j.internal.io.TlsTransport;
import io.coro4j.internal.io.Transport;
import io.coro4j.internal.io.WaitList;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.TaskImpl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A listening server (asyncio's {@code Server}), made by {@link Streams#startServer} or
 * {@link Streams#startUnixServer}: it accepts connections and runs its {@link ConnectionHandler} for each,
 * as a task of its own, from the moment it is made.
 *
 * <h2>States</h2>
 *
 * <pre>
 *   SERVING --close()--&gt; CLOSED: listening sockets closed; the connections go on
 *                          |
 *                          +--no connection left (each ends when its transport closes: the handler's end,
 *                             closeClients(), abortClients(), the peer)--&gt; waitClosed() returns
 * </pre>
 *
 * <p>{@link #waitClosed()} has asyncio 3.12.1's meaning, without its hangs: it returns once the server is
 * closed and every connection has ended, in either order, and at once when both hold. asyncio's waits hang
 * on a handler that returned without closing its writer (gh-114914) or while clients stay connected
 * (gh-113538): here a connection ends with its handler (its writer is closed then), and
 * {@link #closeClients()} and {@link #abortClients()} (asyncio 3.13) end the others.
 *
 * <p>Loop thread only: from any task or callback of the loop that made it.
 */
public final class Server implements AutoCloseable {
    private final LoopCore loop;
    private final ConnectionHandler handler;
    private final StreamOptions options;
    /** Filled by {@link Streams} before the server starts accepting. */
    final List<ListeningSocket> sockets = new ArrayList<>(2);
    /** A Unix server's socket file, removed when it closes; null for TCP. */
    private final Path unixPath;
    /** Whether {@link #close()} was called. */
    private boolean closed;
    /** The open connections, a doubly linked list through {@link ServerConnection#next}; and their count. */
    private ServerConnection connections;
    private int active;
    /** Tasks in {@link #waitClosed()}, released when closed with no connection left. */
    private final WaitList closeWaiters = new WaitList(() -> "for " + this + " to close (" + active
            + " connections open)");
    /** The task in {@link #serveForever()}, released by {@link #close()}. */
    private final WaitList servingForever = new WaitList(() -> "in serveForever() of " + this);
    private boolean inServeForever;

    Server(LoopCore loop, ConnectionHandler handler, StreamOptions options, Path unixPath) {
        this.loop = loop;
        this.handler = handler;
        this.options = options;
        this.unixPath = unixPath;
    }

    /** Starts accepting on every listening socket, once {@link Streams} has bound them all. */
    void startAccepting() throws IOException {
        for (ListeningSocket s : sockets) {
            s.startAccepting();
        }
    }

    LoopCore loop() {
        return loop;
    }

    StreamOptions options() {
        return options;
    }

    /**
     * The bound port: the one the system picked when port 0 was asked (every listening socket of the
     * server has it); -1 for a Unix server.
     */
    public int port() {
        checkThread();
        SocketAddress first = sockets.get(0).address;
        return first instanceof InetSocketAddress ? ((InetSocketAddress) first).getPort() : -1;
    }

    /** The addresses the server listens on (asyncio's {@code server.sockets}' names). */
    public List<SocketAddress> addresses() {
        checkThread();
        List<SocketAddress> list = new ArrayList<>(sockets.size());
        for (ListeningSocket s : sockets) {
            list.add(s.address);
        }
        return Collections.unmodifiableList(list);
    }

    /** Whether the server accepts connections (asyncio's {@code is_serving}): until {@link #close()}. */
    public boolean isServing() {
        checkThread();
        return !closed;
    }

    /** The number of open connections. */
    public int connectionCount() {
        checkThread();
        return active;
    }

    /**
     * Stops listening: the listening sockets close (a Unix server's file is removed); the connections go
     * on (asyncio's {@code close}). {@link #serveForever()} returns; {@link #waitClosed()} returns once the
     * connections have ended too. Closing twice does nothing.
     */
    @Override
    public void close() {
        checkThread();
        if (closed) {
            return;
        }
        closed = true;
        for (ListeningSocket s : sockets) {
            s.close();
        }
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException e) {
                loop.callExceptionHandler(ExceptionContext.of("could not remove the socket file " + unixPath
                        + " of the closed " + this, e));
            }
        }
        servingForever.releaseAll();
        if (active == 0) {
            closeWaiters.releaseAll();
        }
    }

    /**
     * Closes every connection once what its writer holds is sent (asyncio 3.13's {@code close_clients}):
     * their readers meet the end of the stream; a handler's later writes are dropped, and its
     * {@code drain()} throws a {@code SocketException} naming the peer, as for a client gone away.
     */
    public void closeClients() {
        checkThread();
        for (ServerConnection c : openConnections()) {
            c.writer.closeConnection(false); // the handler's writes are dropped from now on; its drain throws
        }
    }

    /** Closes every connection now, dropping what their writers hold (asyncio 3.13's {@code abort_clients}). */
    public void abortClients() {
        checkThread();
        for (ServerConnection c : openConnections()) {
            c.writer.closeConnection(true);
        }
    }

    private List<ServerConnection> openConnections() {
        List<ServerConnection> list = new ArrayList<>(active);
        for (ServerConnection c = connections; c != null; c = c.next) {
            list.add(c);
        }
        return list;
    }

    /**
     * Waits until the server is closed and every connection has ended, in either order (asyncio 3.12.1's
     * {@code wait_closed}); returns at once when both hold already.
     */
    @Async
    public void waitClosed() {
        checkThread();
        if (!closed || active > 0) {
            closeWaiters.await(TaskImpl.current("io.coro4j.net.Server.waitClosed"));
        }
    }

    /**
     * Serves until {@link #close()} is called, then returns (asyncio's {@code serve_forever}, which raises
     * {@code CancelledError} there instead). If the calling task is cancelled, the server is closed and the
     * cancellation goes on; the connections are not waited for.
     *
     * @throws IllegalStateException when the server is closed, or serveForever() runs already
     */
    @Async
    public void serveForever() {
        checkThread();
        if (closed) {
            throw new IllegalStateException(this + " is closed: it cannot serve");
        }
        if (inServeForever) {
            throw new IllegalStateException("serveForever() of " + this + " is already running in another task");
        }
        inServeForever = true;
        try {
            servingForever.await(TaskImpl.current("io.coro4j.net.Server.serveForever"));
        } catch (CancellationException e) {
            close();
            throw e;
        } finally {
            inServeForever = false;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Connections
    // ------------------------------------------------------------------------------------------------

    /** A listening socket accepted {@code channel}: its streams are made and its handler's task started. */
    void connectionMade(SocketChannel channel) {
        SocketTransport transport;
        Transport stream;
        try {
            channel.configureBlocking(false);
            if (options.noDelay() && unixPath == null) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            transport = new SocketTransport(loop, channel);
            if (options.highWater() != transport.highWater() || options.lowWater() != transport.lowWater()) {
                transport.setWriteBufferLimits(options.highWater(), options.lowWater());
            }
            stream = options.tls() == null ? transport
                    : TlsTransport.server(transport, options.tls().context(), options.tls().executor());
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the connection is dropped either way
            }
            loop.callExceptionHandler(ExceptionContext.of("could not set up a connection accepted by " + this, e));
            return;
        }
        StreamReader reader = new StreamReader(stream, options.limit());
        StreamWriter writer = new StreamWriter(stream, reader, true);
        ServerConnection connection = new ServerConnection(this, handler, reader, writer);
        connection.next = connections;
        if (connections != null) {
            connections.previous = connection;
        }
        connections = connection;
        active++;
        transport.setListener(connection);
        TaskImpl.start(loop, connection, null).addDoneCallback(connection);
    }

    /** A connection's transport closed: one connection less. */
    void detach(ServerConnection connection) {
        if (connection.previous != null) {
            connection.previous.next = connection.next;
        } else if (connections == connection) {
            connections = connection.next;
        }
        if (connection.next != null) {
            connection.next.previous = connection.previous;
        }
        connection.previous = null;
        connection.next = null;
        active--;
        if (closed && active == 0) {
            closeWaiters.releaseAll();
        }
    }

    private void checkThread() {
        if (!loop.inLoopThread()) {
            throw new IllegalStateException("a Server was used on thread \"" + Thread.currentThread().getName()
                    + "\", but it belongs to the event loop of thread \"" + loop.thread().getName()
                    + "\": use it from a task of that loop (loop.submit(...) from another thread)");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Server[");
        for (int i = 0; i < sockets.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Addresses.describe(sockets.get(i).address));
        }
        return b.append(closed ? ", closed" : ", serving").append("]").toString();
    }
}
