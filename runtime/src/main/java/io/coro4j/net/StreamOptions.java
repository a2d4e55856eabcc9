package io.coro4j.net;

import io.coro4j.internal.io.SocketTransport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The keyword arguments of asyncio's {@code open_connection} and {@code start_server}, as an immutable
 * value: each {@code with}-style method returns a copy with one option changed.
 *
 * <pre>{@code
 * StreamOptions options = StreamOptions.defaults().limit(1 << 20).writeBufferLimits(256 * 1024).backlog(1024);
 * Server server = Streams.startServer(handler, "127.0.0.1", 8080, options);
 * }</pre>
 *
 * Options that only a server uses ({@link #backlog}, {@link #reusePort}) are ignored by a client, and
 * {@link #localAddress} by a server.
 */
public final class StreamOptions {
    /** asyncio's default backlog. */
    public static final int DEFAULT_BACKLOG = 100;

    private static final StreamOptions DEFAULTS = new StreamOptions(StreamReader.DEFAULT_LIMIT,
            SocketTransport.DEFAULT_HIGH_WATER, SocketTransport.DEFAULT_LOW_WATER, DEFAULT_BACKLOG, true, true,
            false, null, null);

    private final int limit;
    private final int highWater;
    private final int lowWater;
    private final int backlog;
    private final boolean noDelay;
    private final boolean reuseAddress;
    private final boolean reusePort;
    private final InetSocketAddress localAddress;
    private final TlsOptions tls;

    private StreamOptions(int limit, int highWater, int lowWater, int backlog, boolean noDelay,
            boolean reuseAddress, boolean reusePort, InetSocketAddress localAddress, TlsOptions tls) {
        this.limit = limit;
        this.highWater = highWater;
        this.lowWater = lowWater;
        this.backlog = backlog;
        this.noDelay = noDelay;
        this.reuseAddress = reuseAddress;
        this.reusePort = reusePort;
        this.localAddress = localAddress;
        this.tls = tls;
    }

    /** asyncio's defaults: a 64 KiB limit, water marks at 64 KiB and 16 KiB, a backlog of 100, TCP_NODELAY. */
    public static StreamOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The reader's limit (asyncio's {@code limit}, 64 KiB by default): how far {@code readuntil} and
     * {@code readline} look for their separator.
     *
     * @throws IllegalArgumentException when not positive
     */
    public StreamOptions limit(int bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("the limit must be positive, not " + bytes);
        }
        return new StreamOptions(bytes, highWater, lowWater, backlog, noDelay, reuseAddress, reusePort, localAddress, tls);
    }

    /**
     * The writer's water marks (asyncio's {@code set_write_buffer_limits(high, low)}): {@code drain()} waits
     * while the write buffer is above {@code high}, until it is down to {@code low}.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    public StreamOptions writeBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("the water marks must be high >= low >= 0, not high=" + high
                    + ", low=" + low);
        }
        return new StreamOptions(limit, high, low, backlog, noDelay, reuseAddress, reusePort, localAddress, tls);
    }

    /** {@link #writeBufferLimits(int, int)} with the low mark a quarter of the high one, as asyncio's default. */
    public StreamOptions writeBufferLimits(int high) {
        return writeBufferLimits(high, high / 4);
    }

    /**
     * A server's listen backlog (asyncio's {@code backlog}, 100 by default): connections the kernel keeps
     * waiting for an accept. Also the most connections one turn accepts from one listening socket.
     *
     * @throws IllegalArgumentException when not positive
     */
    public StreamOptions backlog(int connections) {
        if (connections <= 0) {
            throw new IllegalArgumentException("the backlog must be positive, not " + connections);
        }
        return new StreamOptions(limit, highWater, lowWater, connections, noDelay, reuseAddress, reusePort, localAddress, tls);
    }

    /** TCP_NODELAY on each TCP connection (on by default, as asyncio sets it). */
    public StreamOptions noDelay(boolean on) {
        return new StreamOptions(limit, highWater, lowWater, backlog, on, reuseAddress, reusePort, localAddress, tls);
    }

    /** SO_REUSEADDR on a server's listening sockets (on by default, as asyncio sets it on Unix). */
    public StreamOptions reuseAddress(boolean on) {
        return new StreamOptions(limit, highWater, lowWater, backlog, noDelay, on, reusePort, localAddress, tls);
    }

    /**
     * SO_REUSEPORT on a server's listening sockets (asyncio's {@code reuse_port}; off by default): several
     * servers, one per loop, may then listen on one port, and Linux spreads the connections among them.
     */
    public StreamOptions reusePort(boolean on) {
        return new StreamOptions(limit, highWater, lowWater, backlog, noDelay, reuseAddress, on, localAddress, tls);
    }

    /** The local address a client binds to before it connects (asyncio's {@code local_addr}); null: any. */
    public StreamOptions localAddress(InetSocketAddress address) {
        return new StreamOptions(limit, highWater, lowWater, backlog, noDelay, reuseAddress, reusePort, address, tls);
    }

    /**
     * TLS on the connection (asyncio's {@code ssl}): {@code openConnection} does the client's handshake
     * before it returns, a server does each connection's before its handler runs; null (the default):
     * plain TCP. See {@link TlsOptions} for the handshake timeout, the host name and the executor.
     */
    public StreamOptions tls(TlsOptions tls) {
        return new StreamOptions(limit, highWater, lowWater, backlog, noDelay, reuseAddress, reusePort, localAddress, tls);
    }

    /** {@link #tls(TlsOptions)} with {@code context} and the defaults of {@link TlsOptions#of}. */
    public StreamOptions tls(javax.net.ssl.SSLContext context) {
        return tls(TlsOptions.of(context));
    }

    public int limit() {
        return limit;
    }

    public int highWater() {
        return highWater;
    }

    public int lowWater() {
        return lowWater;
    }

    public int backlog() {
        return backlog;
    }

    public boolean noDelay() {
        return noDelay;
    }

    public boolean reuseAddress() {
        return reuseAddress;
    }

    public boolean reusePort() {
        return reusePort;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The connection's TLS, or null for plain TCP. */
    public TlsOptions tls() {
        return tls;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StreamOptions)) {
            return false;
        }
        StreamOptions that = (StreamOptions) o;
        return limit == that.limit && highWater == that.highWater && lowWater == that.lowWater
                && backlog == that.backlog && noDelay == that.noDelay && reuseAddress == that.reuseAddress
                && reusePort == that.reusePort && Objects.equals(localAddress, that.localAddress)
                && Objects.equals(tls, that.tls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, highWater, lowWater, backlog, noDelay, reuseAddress, reusePort, localAddress, tls);
    }

    @Override
    public String toString() {
        return "StreamOptions[limit=" + limit + ", writeBufferLimits=" + highWater + "/" + lowWater + ", backlog="
                + backlog + ", noDelay=" + noDelay + ", reuseAddress=" + reuseAddress + ", reusePort=" + reusePort
                + (localAddress != null ? ", localAddress=" + localAddress : "") + (tls != null ? ", tls=" + tls : "") + "]";
    }
}
