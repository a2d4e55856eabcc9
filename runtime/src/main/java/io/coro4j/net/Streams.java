package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.internal.io.Addresses;
import io.coro4j.internal.io.SocketTransport;
import io.coro4j.internal.io.Sockets;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.TaskImpl;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * asyncio's stream functions: {@link #openConnection} (a client's reader and writer) and
 * {@link #startServer} (a server that runs a handler per connection), over TCP and Unix domain sockets.
 * Coroutine methods: call them from a task.
 *
 * <pre>{@code
 * Server server = Streams.startServer((reader, writer) -> {
 *     for (byte[] line; (line = reader.readline()).length > 0; ) {
 *         writer.write(line);
 *         writer.drain();
 *     }
 * }, "127.0.0.1", 8888);
 * server.serveForever();
 * }</pre>
 */
public final class Streams {
    private Streams() {}

    /**
     * Connects to {@code host} and {@code port} and returns the connection's reader and writer (asyncio's
     * {@code open_connection}), with the default {@link StreamOptions}.
     *
     * @throws ConnectException when the connection is refused, naming the address
     * @throws java.net.UnknownHostException when the host does not resolve
     */
    @Async
    public static Connection openConnection(String host, int port) throws IOException {
        return openConnection(host, port, StreamOptions.defaults());
    }

    /**
     * {@link #openConnection(String, int)} with {@code options}. The host is resolved off the loop (a
     * numeric address needs no lookup), and its addresses are tried in the resolver's order until one
     * connects. A socket whose connect fails, or is cancelled (a timeout around this call), is closed
     * before this returns.
     */
    @Async
    public static Connection openConnection(String host, int port, StreamOptions options) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        LoopCore loop = loop("openConnection");
        List<InetSocketAddress> addresses = Sockets.getaddrinfo(loop, host, port);
        List<IOException> failures = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            SocketChannel channel = SocketChannel.open();
            try {
                channel.configureBlocking(false);
                if (options.localAddress() != null) {
                    channel.bind(options.localAddress());
                }
                if (options.noDelay()) {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            try {
                return connection(SocketTransport.connect(loop, channel, address), options);
            } catch (IOException e) {
                failures.add(e); // the transport closed the channel; the next address is tried
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        StringBuilder b = new StringBuilder("connection to " + host + ":" + port + " failed on each of its "
                + failures.size() + " addresses:");
        for (IOException e : failures) {
            b.append(' ').append(e.getMessage()).append(';');
        }
        ConnectException all = new ConnectException(b.substring(0, b.length() - 1));
        failures.forEach(all::addSuppressed);
        throw all;
    }

    /**
     * Connects to the Unix domain socket at {@code path} (asyncio's {@code open_unix_connection}).
     *
     * @throws java.net.SocketException when nothing listens there
     */
    @Async
    public static Connection openUnixConnection(Path path) throws IOException {
        return openUnixConnection(path, StreamOptions.defaults());
    }

    /** {@link #openUnixConnection(Path)} with {@code options}. */
    @Async
    public static Connection openUnixConnection(Path path, StreamOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        LoopCore loop = loop("openUnixConnection");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return connection(SocketTransport.connect(loop, channel, UnixDomainSocketAddress.of(path)), options);
    }

    private static Connection connection(SocketTransport transport, StreamOptions options) {
        if (options.highWater() != transport.highWater() || options.lowWater() != transport.lowWater()) {
            transport.setWriteBufferLimits(options.highWater(), options.lowWater());
        }
        return new Connection(new StreamReader(transport, options.limit()), new StreamWriter(transport));
    }

    /**
     * Starts a server on {@code host} and {@code port} that runs {@code handler} for each connection, as a
     * task of its own (asyncio's {@code start_server}), with the default {@link StreamOptions}. It accepts
     * from now on; {@link Server#serveForever()} waits while it does.
     *
     * @param host where to listen: a name (each of its addresses gets a listening socket) or a numeric
     *     address; {@code null} or {@code ""} for every interface
     * @param port the port; 0 picks a free one ({@link Server#port()} says which)
     * @throws BindException when the address is in use or not the machine's, naming it
     */
    @Async
    public static Server startServer(ConnectionHandler handler, String host, int port) throws IOException {
        return startServer(handler, host, port, StreamOptions.defaults());
    }

    /** {@link #startServer(ConnectionHandler, String, int)} with {@code options}. */
    @Async
    public static Server startServer(ConnectionHandler handler, String host, int port, StreamOptions options)
            throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        LoopCore loop = loop("startServer");
        List<InetSocketAddress> addresses = host == null || host.isEmpty()
                ? List.of(new InetSocketAddress(checkPort(port))) : Sockets.getaddrinfo(loop, host, port);
        Server server = new Server(loop, handler, options, null);
        try {
            int bound = port;
            for (InetSocketAddress address : addresses) {
                // every address of the host on one port: the one the first socket got when 0 was asked
                InetSocketAddress at = address.getPort() == 0 && bound != 0
                        ? new InetSocketAddress(address.getAddress(), bound) : address;
                ServerSocketChannel channel = ServerSocketChannel.open();
                try {
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
                    if (options.reusePort()) {
                        channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    }
                    bind(channel, at, options);
                    bound = ((InetSocketAddress) channel.getLocalAddress()).getPort();
                    server.sockets.add(new ListeningSocket(loop, server, channel));
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
            server.startAccepting();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Starts a server on the Unix domain socket at {@code path} (asyncio's {@code start_unix_server}). A
     * socket file left at {@code path} by an earlier server is removed first, as asyncio removes it; the
     * file is removed again when the server closes (asyncio 3.13's {@code cleanup_socket}).
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code path} exists and is not a socket
     */
    @Async
    public static Server startUnixServer(ConnectionHandler handler, Path path) throws IOException {
        return startUnixServer(handler, path, StreamOptions.defaults());
    }

    /** {@link #startUnixServer(ConnectionHandler, Path)} with {@code options}. */
    @Async
    public static Server startUnixServer(ConnectionHandler handler, Path path, StreamOptions options) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        LoopCore loop = loop("startUnixServer");
        removeStaleSocket(path);
        Server server = new Server(loop, handler, options, path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.configureBlocking(false);
            bind(channel, UnixDomainSocketAddress.of(path), options);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        try {
            server.sockets.add(new ListeningSocket(loop, server, channel));
            server.startAccepting();
        } catch (IOException | RuntimeException e) {
            channel.close();
            server.close();
            throw e;
        }
        return server;
    }

    private static void bind(ServerSocketChannel channel, SocketAddress at, StreamOptions options) throws IOException {
        try {
            channel.bind(at, options.backlog());
        } catch (BindException e) {
            BindException named = new BindException("cannot listen on " + Addresses.describe(at) + ": " + e.getMessage());
            named.initCause(e);
            throw named;
        }
    }

    /** A socket file at {@code path} is removed; anything else there is refused. */
    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & 0170000) != 0140000) {
            throw new java.nio.file.FileAlreadyExistsException(path.toString(), null,
                    "it exists and is not a socket: a Unix server needs its path free or holding an old socket");
        }
        Files.delete(path);
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    /** The loop of the running task, which a stream function needs. */
    private static LoopCore loop(String function) {
        return TaskImpl.current("io.coro4j.net.Streams." + function).loop();
    }
}
