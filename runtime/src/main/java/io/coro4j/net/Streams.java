package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.internal.io.Addresses;
import io.coro4j.internal.io.SocketTransport;
import io.coro4j.internal.io.Sockets;
import io.coro4j.internal.io.TlsTransport;
import io.coro4j.internal.io.Transport;
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
 * {@link #startServer} (a server that runs a handler per connection), over TCP and Unix domain sockets,
 * plain or TLS ({@link StreamOptions#tls}). Coroutine methods: call them from a task.
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
     *
     * <p>With {@link StreamOptions#tls}, the TLS handshake is done before this returns, within the
     * handshake timeout; the server's certificate must be trusted by the context and, unless turned off,
     * name {@code host} (or {@link TlsOptions#serverHostname}). A failed handshake throws
     * {@link javax.net.ssl.SSLHandshakeException} naming the server and why, a slow one
     * {@link java.net.SocketTimeoutException}; either way the socket is closed.
     */
    @Async
    public static Connection openConnection(String host, int port, StreamOptions options) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        LoopCore loop = loop("openConnection");
        List<InetSocketAddress> addresses = Sockets.getaddrinfo(loop, host, port);
        List<IOException> failures = new ArrayList<>();
        SocketTransport connected = null;
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
                connected = SocketTransport.connect(loop, channel, address);
                break;
            } catch (IOException e) {
                failures.add(e); // the transport closed the channel; the next address is tried
            }
        }
        if (connected != null) {
            return connection(connected, options, host, port);
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
        return connection(SocketTransport.connect(loop, channel, UnixDomainSocketAddress.of(path)), options, null, -1);
    }

    /**
     * The client's streams over {@code transport}, after the TLS handshake when the options ask for TLS
     * ({@code host} and {@code port} name the server for it; a host of null: a Unix socket's server).
     */
    @Async
    private static Connection connection(SocketTransport transport, StreamOptions options, String host, int port)
            throws IOException {
        if (options.highWater() != transport.highWater() || options.lowWater() != transport.lowWater()) {
            transport.setWriteBufferLimits(options.highWater(), options.lowWater());
        }
        Transport stream = transport;
        TlsOptions tls = options.tls();
        if (tls != null) {
            TlsTransport secured;
            try {
                secured = clientTls(transport, tls, host, port);
            } catch (RuntimeException e) {
                transport.abort();
                throw e;
            }
            secured.handshake(tls.handshakeTimeout());
            stream = secured;
        }
        StreamReader reader = new StreamReader(stream, options.limit());
        return new Connection(reader, new StreamWriter(stream, reader, false));
    }

    /**
     * The client's TLS over {@code plain}, to {@code host} (the one the certificate must name, unless
     * {@code tls} names another or turns the check off).
     *
     * @throws IllegalArgumentException when the host name is to be checked and there is none (a Unix socket)
     */
    static TlsTransport clientTls(SocketTransport plain, TlsOptions tls, String host, int port) {
        String hostname = tls.serverHostname() != null ? tls.serverHostname() : host;
        if (hostname == null && tls.checkHostname()) {
            throw new IllegalArgumentException("TLS to " + plain.peer() + " checks the host name in the server's"
                    + " certificate, and there is none to check: give one with TlsOptions.serverHostname, or turn the"
                    + " check off with TlsOptions.checkHostname(false)");
        }
        return TlsTransport.client(plain, tls.context(), hostname, port, tls.checkHostname(), tls.executor());
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

    /**
     * {@link #startServer(ConnectionHandler, String, int)} with {@code options}. With
     * {@link StreamOptions#tls}, each connection's task does the server's TLS handshake before the handler
     * runs; a connection whose handshake fails or times out is closed without running the handler, and
     * logged at DEBUG level on the {@code io.coro4j.net} logger (as asyncio logs it only in debug mode).
     */
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
