package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.internal.io.DatagramTransport;
import io.coro4j.internal.io.Sockets;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.TaskImpl;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * A UDP socket on the event loop: asyncio's {@code loop.create_datagram_endpoint}, in the pulled form of
 * the streams rather than asyncio's protocol callbacks. A task asks for the next datagram
 * ({@link #receive()}, asyncio's {@code datagram_received}) and sends with {@link #send}
 * ({@code transport.sendto}); both are coroutine methods that wait for the socket's readiness only, so a
 * receive that is cancelled loses no datagram (the next receive gets it) and a send that is cancelled
 * sends nothing.
 *
 * <pre>{@code
 * DatagramEndpoint server = DatagramEndpoint.bind("127.0.0.1", 9999);
 * while (true) {
 *     Datagram d = server.receive();
 *     server.send(d.data(), d.sender()); // echo
 * }
 * }</pre>
 *
 * <p>Why pulled: the reading of a stream here is pulled for the same reasons (no callback object, back
 * pressure by not asking, cancellation that loses nothing), and a loop of {@code receive()} is the shape
 * a Java reader expects. asyncio's {@code error_received} is an exception from {@link #receive()} or
 * {@link #send} ({@link java.net.PortUnreachableException} on a connected endpoint); the endpoint stays
 * open, as asyncio's transport does.
 *
 * <p>Closed ({@link #close()}, or its loop's close), the socket is closed; a task waiting in
 * {@link #receive()} or {@link #send} wakes and throws {@link java.net.SocketException} saying so, and so
 * does every later call. One task receives at a time; any number may send. Loop thread only: from the
 * tasks of the loop that made it.
 */
public final class DatagramEndpoint implements AutoCloseable {
    private final DatagramTransport transport;

    private DatagramEndpoint(DatagramTransport transport) {
        this.transport = transport;
    }

    /**
     * An endpoint bound to {@code host} and {@code port} (asyncio's {@code local_addr}): it receives from
     * anyone and sends anywhere. Port 0 picks a free one ({@link #localAddress()} says which); a host of
     * null or {@code ""} binds every IPv4 and IPv6 interface. A name is resolved off the loop.
     *
     * @throws java.net.BindException when the address is in use or not the machine's, naming it
     */
    @Async
    public static DatagramEndpoint bind(String host, int port) throws IOException {
        LoopCore loop = loop("bind");
        InetSocketAddress local = host == null || host.isEmpty() ? new InetSocketAddress(checkPort(port))
                : Sockets.getaddrinfo(loop, host, port).get(0);
        return create(loop, local, null);
    }

    /**
     * An endpoint connected to {@code host} and {@code port} (asyncio's {@code remote_addr}), bound to a free
     * port of the matching family: {@link #send(byte[])} sends there, and only datagrams from there are
     * received. A datagram that meets a closed port there makes a later call throw
     * {@link java.net.PortUnreachableException}.
     */
    @Async
    public static DatagramEndpoint connect(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        LoopCore loop = loop("connect");
        return create(loop, null, Sockets.getaddrinfo(loop, host, port).get(0));
    }

    /**
     * asyncio's {@code create_datagram_endpoint(local_addr=..., remote_addr=...)}: an endpoint bound to
     * {@code localAddress} (null: a free port of the remote's family, or of IPv4 and IPv6 both) and, when
     * {@code remoteAddress} is not null, connected to it. Both must be resolved.
     *
     * @throws IllegalArgumentException when both are null, or an address is unresolved
     */
    @Async
    public static DatagramEndpoint create(InetSocketAddress localAddress, InetSocketAddress remoteAddress)
            throws IOException {
        if (localAddress == null && remoteAddress == null) {
            throw new IllegalArgumentException("a datagram endpoint needs a local address, a remote one, or both");
        }
        return create(loop("create"), localAddress, remoteAddress);
    }

    private static DatagramEndpoint create(LoopCore loop, InetSocketAddress local, InetSocketAddress remote)
            throws IOException {
        for (InetSocketAddress a : new InetSocketAddress[] {local, remote}) {
            if (a != null && a.isUnresolved()) {
                throw new IllegalArgumentException("the address " + a + " is unresolved: resolve it first"
                        + " (DatagramEndpoint.bind and connect resolve names)");
            }
        }
        InetSocketAddress family = remote != null ? remote : local;
        boolean anyLocal = local == null || local.getAddress().isAnyLocalAddress();
        ProtocolFamily pf = family.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                : remote == null && anyLocal ? null : StandardProtocolFamily.INET;
        DatagramChannel channel = pf == null ? DatagramChannel.open() : DatagramChannel.open(pf);
        DatagramTransport transport;
        try {
            channel.configureBlocking(false);
            try {
                channel.bind(local);
            } catch (java.net.BindException e) {
                java.net.BindException named = new java.net.BindException("cannot bind a datagram endpoint to "
                        + io.coro4j.internal.io.Addresses.describe(local) + ": " + e.getMessage());
                named.initCause(e);
                throw named;
            }
            if (remote != null) {
                channel.connect(remote);
            }
            transport = new DatagramTransport(loop, channel, remote);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new DatagramEndpoint(transport);
    }

    /**
     * The next datagram and its sender, waiting until one comes (asyncio's {@code datagram_received}). A
     * datagram longer than 64 KiB cannot exist in UDP; one that does not fit is not cut.
     *
     * @throws java.net.SocketException when the endpoint is closed, before or while this waits
     * @throws java.net.PortUnreachableException on a connected endpoint, when an earlier datagram met a
     *     closed port (asyncio's {@code error_received}); the endpoint stays open
     * @throws IllegalStateException when another task waits to receive already
     */
    @Async
    public Datagram receive() throws IOException {
        checkThread();
        DatagramTransport.Received r = transport.receive();
        return new Datagram(r.data, r.sender);
    }

    /**
     * Sends {@code data} as one datagram to {@code target} (asyncio's {@code sendto}), waiting while the
     * socket's send buffer is full. On a connected endpoint, {@code target} must be null or its peer.
     *
     * @throws java.net.SocketException when the endpoint is closed, or the system refused the datagram
     *     (too big, an address of another family), naming both ends
     */
    @Async
    public void send(byte[] data, SocketAddress target) throws IOException {
        Objects.requireNonNull(data, "data");
        send(ByteBuffer.wrap(data), target);
    }

    /** {@link #send(byte[], SocketAddress)} of the remaining bytes of {@code data}, which it consumes. */
    @Async
    public void send(ByteBuffer data, SocketAddress target) throws IOException {
        checkThread();
        Objects.requireNonNull(data, "data");
        InetSocketAddress remote = transport.remoteAddress();
        if (target == null && remote == null) {
            throw new IllegalArgumentException("send() without a target on " + transport.describe()
                    + ", which is not connected: give the address to send to");
        }
        if (remote != null && target != null && !target.equals(remote)) {
            throw new IllegalArgumentException("send() to " + target + " on an endpoint connected to " + remote
                    + ": a connected endpoint sends to its peer only (asyncio raises ValueError too)");
        }
        transport.send(data, remote != null ? null : target);
    }

    /** {@link #send(byte[], SocketAddress)} to the peer of a connected endpoint. */
    @Async
    public void send(byte[] data) throws IOException {
        send(data, null);
    }

    /** The bound local address (the port picked when 0 was asked). */
    public InetSocketAddress localAddress() {
        checkThread();
        return transport.localAddress();
    }

    /** The peer of a connected endpoint, or null. */
    public InetSocketAddress remoteAddress() {
        checkThread();
        return transport.remoteAddress();
    }

    /**
     * asyncio's {@code get_extra_info}: {@code "sockname"}, {@code "peername"} (null unless connected),
     * {@code "socket"} (the {@code DatagramChannel}, for its options: look, do not read or write); null for
     * any other name.
     */
    public Object getExtraInfo(String name) {
        Objects.requireNonNull(name, "name");
        checkThread();
        return transport.extraInfo(name);
    }

    /**
     * Closes the socket now; waiting tasks throw that it is closed. Closing twice does nothing. The port
     * is free for another socket once the loop has run its next turn (the JDK closes a socket registered
     * with a selector at the selector's next select).
     */
    @Override
    public void close() {
        checkThread();
        transport.close();
    }

    /** Whether {@link #close()} was called (or the loop closed). */
    public boolean isClosing() {
        checkThread();
        return transport.isClosed();
    }

    private void checkThread() {
        LoopCore loop = transport.loopCore();
        if (!loop.inLoopThread()) {
            throw new IllegalStateException("a DatagramEndpoint was used on thread \"" + Thread.currentThread().getName()
                    + "\", but it belongs to the event loop of thread \"" + loop.thread().getName()
                    + "\": use it from a task of that loop (loop.submit(...) from another thread)");
        }
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    private static LoopCore loop(String function) {
        return TaskImpl.current("io.coro4j.net.DatagramEndpoint." + function).loop();
    }

    @Override
    public String toString() {
        return transport.toString();
    }
}
