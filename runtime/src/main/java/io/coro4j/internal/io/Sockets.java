package io.coro4j.internal.io;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.internal.loop.IoRegistration;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.BlockingCalls;
import io.coro4j.internal.task.TaskImpl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * The loop's low-level socket operations (asyncio's {@code loop.sock_*} and {@code getaddrinfo}), behind
 * {@code io.coro4j.EventLoop}: each tries the operation at once, and while the socket cannot take it,
 * waits for readiness ({@link IoWait}) and tries again. So a cancel while waiting loses nothing: no byte
 * was read or written for the operation that was cancelled. The channels are the user's: registered with
 * the loop's selector while they are used, never closed by it; they must be in non-blocking mode
 * (an accepted one is put in it).
 */
public final class Sockets {
    private Sockets() {}

    /** asyncio's {@code sock_recv_into}: reads into {@code buffer}; the number read, -1 at end of stream. */
    @Async
    public static int recvInto(LoopCore loop, SocketChannel channel, ByteBuffer buffer) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(buffer, "buffer");
        IoRegistration registration = userChannel(loop, channel, "sockRecvInto");
        if (!buffer.hasRemaining()) {
            return 0;
        }
        int n;
        while ((n = channel.read(buffer)) == 0) {
            awaitReady(loop, registration, IoWait.Kind.READ, "io.coro4j.EventLoop.sockRecvInto");
        }
        return n;
    }

    /** asyncio's {@code sock_recv}: at most {@code n} bytes, an empty array at end of stream. */
    @Async
    public static byte[] recv(LoopCore loop, SocketChannel channel, int n) throws IOException {
        Objects.requireNonNull(channel, "channel");
        if (n < 0) {
            throw new IllegalArgumentException("n is negative: " + n);
        }
        IoRegistration registration = userChannel(loop, channel, "sockRecv");
        if (n == 0) {
            return new byte[0];
        }
        ByteBuffer scratch = loop.io().scratch();
        scratch.limit(Math.min(n, scratch.capacity()));
        int got;
        while ((got = channel.read(scratch)) == 0) {
            awaitReady(loop, registration, IoWait.Kind.READ, "io.coro4j.EventLoop.sockRecv");
            scratch = loop.io().scratch(); // the scratch buffer is the loop's: another task used it meanwhile
            scratch.limit(Math.min(n, scratch.capacity()));
        }
        if (got < 0) {
            return new byte[0];
        }
        byte[] data = new byte[got];
        scratch.flip().get(data);
        return data;
    }

    /** asyncio's {@code sock_sendall}: every remaining byte of {@code data}, waiting while the socket is full. */
    @Async
    public static void sendall(LoopCore loop, SocketChannel channel, ByteBuffer data) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
        IoRegistration registration = userChannel(loop, channel, "sockSendall");
        while (true) {
            channel.write(data);
            if (!data.hasRemaining()) {
                return;
            }
            awaitReady(loop, registration, IoWait.Kind.WRITE, "io.coro4j.EventLoop.sockSendall");
        }
    }

    /**
     * asyncio's {@code sock_sendfile}: {@code count} bytes of {@code file} from {@code offset} (a negative
     * count: to the end of the file), through {@link FileChannel#transferTo} (the kernel's
     * {@code sendfile} on Linux). Returns the number sent; the file's position is left after them.
     */
    @Async
    public static long sendfile(LoopCore loop, SocketChannel channel, FileChannel file, long offset, long count)
            throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        IoRegistration registration = userChannel(loop, channel, "sockSendfile");
        long end = count < 0 ? file.size() : offset + count;
        long sent = 0;
        while (offset + sent < end) {
            long n = file.transferTo(offset + sent, end - offset - sent, channel);
            if (n > 0) {
                sent += n;
            } else if (offset + sent >= file.size()) {
                break; // the file is shorter than the count asked
            } else {
                awaitReady(loop, registration, IoWait.Kind.WRITE, "io.coro4j.EventLoop.sockSendfile");
            }
        }
        file.position(offset + sent);
        return sent;
    }

    /**
     * asyncio's {@code sock_connect}: connects {@code channel} to {@code address}, resolving it first (off
     * the loop) when it is unresolved. A refused connection throws {@link java.net.ConnectException}; the
     * channel is left open, as asyncio leaves the socket (its owner closes it).
     */
    @Async
    public static void connect(LoopCore loop, SocketChannel channel, SocketAddress address) throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        IoRegistration registration = userChannel(loop, channel, "sockConnect");
        if (address instanceof InetSocketAddress && ((InetSocketAddress) address).isUnresolved()) {
            InetSocketAddress unresolved = (InetSocketAddress) address;
            address = getaddrinfo(loop, unresolved.getHostString(), unresolved.getPort()).get(0);
        }
        if (!channel.connect(address)) {
            finishConnect(loop, registration, channel, address);
        }
    }

    /** Waits until a pending connect of {@code channel} ends; throws why it failed, naming the address. */
    @Async
    static void finishConnect(LoopCore loop, IoRegistration registration, SocketChannel channel,
            SocketAddress address) throws IOException {
        while (true) {
            awaitReady(loop, registration, IoWait.Kind.CONNECT, "io.coro4j.EventLoop.sockConnect");
            try {
                if (channel.finishConnect()) {
                    return;
                }
            } catch (java.net.ConnectException e) {
                java.net.ConnectException named = new java.net.ConnectException("connection to "
                        + Addresses.describe(address) + " failed: " + e.getMessage());
                named.initCause(e);
                throw named;
            }
        }
    }

    /** asyncio's {@code sock_accept}: the next connection, in non-blocking mode. */
    @Async
    public static SocketChannel accept(LoopCore loop, ServerSocketChannel server) throws IOException {
        Objects.requireNonNull(server, "server");
        IoRegistration registration = userChannel(loop, server, "sockAccept");
        SocketChannel accepted;
        while ((accepted = server.accept()) == null) {
            awaitReady(loop, registration, IoWait.Kind.ACCEPT, "io.coro4j.EventLoop.sockAccept");
        }
        accepted.configureBlocking(false);
        return accepted;
    }

    /**
     * asyncio's {@code getaddrinfo}: the addresses of {@code host} with {@code port}, in the resolver's
     * order, resolved on a thread of the default executor (a name lookup blocks), or at once for a
     * numeric address.
     *
     * @throws java.net.UnknownHostException when the name does not resolve
     */
    @Async
    public static List<InetSocketAddress> getaddrinfo(LoopCore loop, String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        TaskImpl.current("io.coro4j.EventLoop.getaddrinfo");
        InetAddress[] found;
        if (isNumeric(host)) {
            found = InetAddress.getAllByName(host); // a literal: parsed, never looked up
        } else {
            try {
                found = Coro.await(BlockingCalls.run(null, () -> InetAddress.getAllByName(host)));
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException) {
                    throw (IOException) e.getCause();
                }
                throw e;
            }
        }
        List<InetSocketAddress> addresses = new ArrayList<>(found.length);
        for (InetAddress a : found) {
            addresses.add(new InetSocketAddress(a, port));
        }
        return addresses;
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal, which needs no lookup. */
    static boolean isNumeric(String host) {
        if (host.indexOf(':') >= 0) {
            return true; // IPv6: a name never holds a colon
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The running task waits until the channel is ready for {@code kind}. */
    @Async
    public static void awaitReady(LoopCore loop, IoRegistration registration, IoWait.Kind kind, String method)
            throws IOException {
        IoWait.begin(current(loop, method), registration, kind).await();
    }

    /** The task running on {@code loop}'s thread, which must be the calling one. */
    static TaskImpl<?> current(LoopCore loop, String method) {
        TaskImpl<?> task = TaskImpl.current(method);
        if (task.loop() != loop) {
            throw new IllegalStateException(method + " was called from a task of another event loop (thread \""
                    + Thread.currentThread().getName() + "\"): an event loop's I/O runs in its own tasks");
        }
        return task;
    }

    /**
     * The registration of a user's channel for a low-level operation, from a task of the loop: refused for
     * a channel in blocking mode, or one a stream or server of the loop owns.
     */
    static IoRegistration userChannel(LoopCore loop, SelectableChannel channel, String operation) throws IOException {
        current(loop, "io.coro4j.EventLoop." + operation);
        IoRegistration registration = IoRegistration.of(loop, channel);
        if (registration.owned()) {
            throw new IllegalStateException(operation + " on " + channel + ", which a stream or server of this"
                    + " event loop uses: use the stream (its StreamReader and StreamWriter), not the channel");
        }
        return registration;
    }
}
