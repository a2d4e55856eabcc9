package io.coro4j.internal.io;

import io.coro4j.Async;
import io.coro4j.internal.loop.IoRegistration;
import io.coro4j.internal.loop.IoWaiter;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.TaskImpl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP socket on the loop (asyncio's {@code _SelectorDatagramTransport}, pulled as the streams are):
 * {@link #receive} takes the next datagram when there is one and waits for readiness when there is none;
 * {@link #send} sends at once, and waits for the socket to take it only when its buffer is full. Waits
 * are for readiness only, so a cancelled receive loses no datagram and a cancelled send sends nothing.
 *
 * <pre>
 *   OPEN --close(), or the loop's close--&gt; CLOSED: the channel closed; the task waiting to receive, and
 *                                         those waiting to send, wake and throw that it is closed
 * </pre>
 *
 * <p>One task receives at a time (the reader slot of the registration); any number may send: one waits
 * for the socket to be writable (the writer slot), the others in {@link #senders}, all let go together
 * when it is. Loop thread only.
 */
public final class DatagramTransport extends IoRegistration {
    private final DatagramChannel channel;
    private final InetSocketAddress local;
    /** The connected peer, or null. */
    private final InetSocketAddress remote;
    private boolean closed;
    /** A task waits in the writer slot for the socket to take a datagram. */
    private boolean sendBlocked;
    /** Tasks waiting to send while another waits for the socket; made at the first. */
    private WaitList senders;

    /**
     * Registers {@code channel} (bound, connected when {@code remote} is not null, in non-blocking mode)
     * with the loop's selector; the loop owns it from now on (it closes it when it closes).
     */
    public DatagramTransport(LoopCore loop, DatagramChannel channel, InetSocketAddress remote) throws IOException {
        super(loop, channel, true);
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.remote = remote;
    }

    /** The loop the endpoint belongs to. */
    public LoopCore loopCore() {
        return loop;
    }

    /** The local address, described ({@code 127.0.0.1:5000}). */
    public String describe() {
        return Addresses.describe(local) + (remote != null ? " (connected to " + Addresses.describe(remote) + ")" : "");
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /**
     * The next datagram, copied out of the loop's scratch buffer into {@code into} (its data, cut to the
     * buffer's room: 64 KiB, more than a UDP datagram holds), and its sender; waits until one comes.
     *
     * @throws SocketException when the endpoint is closed (before or while waiting)
     * @throws PortUnreachableException on a connected endpoint, when an earlier datagram met a closed port
     *     (an ICMP message); the endpoint stays open
     * @throws IllegalStateException when another task waits to receive already
     */
    @Async
    public Received receive() throws IOException {
        while (true) {
            checkOpen("receive");
            ByteBuffer s = loop.io().scratch();
            SocketAddress from;
            try {
                from = channel.receive(s);
            } catch (PortUnreachableException e) {
                throw unreachable(e);
            } catch (IOException e) {
                if (closed) {
                    throw closedError("receive");
                }
                throw failed("receiving", e);
            }
            if (from != null) {
                byte[] data = new byte[s.flip().remaining()];
                s.get(data);
                return new Received(data, (InetSocketAddress) from);
            }
            if (reader() instanceof IoWaiter) {
                throw new IllegalStateException("receive() called while another task is already waiting to"
                        + " receive on " + describe() + ": one task receives at a time");
            }
            IoWait.begin(Sockets.current(loop, "io.coro4j.net.DatagramEndpoint.receive"), this, IoWait.Kind.READ).await();
        }
    }

    /** A datagram and its sender. */
    public static final class Received {
        public final byte[] data;
        public final InetSocketAddress sender;

        Received(byte[] data, InetSocketAddress sender) {
            this.data = data;
            this.sender = sender;
        }
    }

    /**
     * Sends the remaining bytes of {@code data} as one datagram to {@code target} (null: the connected
     * peer), waiting while the socket's buffer is full. UDP sends a datagram whole or not at all.
     *
     * @throws SocketException when the endpoint is closed, or the system refused the datagram (too big, an
     *     address it cannot reach), naming both ends
     */
    @Async
    public void send(ByteBuffer data, SocketAddress target) throws IOException {
        TaskImpl<?> task = Sockets.current(loop, "io.coro4j.net.DatagramEndpoint.send");
        int length = data.remaining();
        while (true) {
            checkOpen("send");
            if (sendBlocked) {
                senders().await(task);
                continue;
            }
            int sent;
            try {
                sent = target == null ? channel.write(data) : channel.send(data, target);
            } catch (PortUnreachableException e) {
                throw unreachable(e);
            } catch (IOException e) {
                if (closed) {
                    throw closedError("send");
                }
                throw failed("sending a datagram of " + length + " bytes to "
                        + Addresses.describe(target != null ? target : remote) + " from", e);
            }
            if (sent > 0 || length == 0) {
                return; // an empty datagram: 0 sent either way, so it is tried once
            }
            sendBlocked = true;
            try {
                IoWait.begin(task, this, IoWait.Kind.WRITE).await();
            } finally {
                sendBlocked = false;
                if (senders != null) {
                    senders.releaseAll();
                }
            }
        }
    }

    private WaitList senders() {
        if (senders == null) {
            senders = new WaitList(() -> "to send on " + describe() + " (its buffer is full)");
        }
        return senders;
    }

    private void checkOpen(String operation) throws SocketException {
        if (closed || !channel.isOpen()) {
            throw closedError(operation);
        }
    }

    private SocketException closedError(String operation) {
        return new SocketException(operation + "() on the datagram endpoint on " + describe() + ", which is closed");
    }

    private PortUnreachableException unreachable(PortUnreachableException e) {
        PortUnreachableException named = new PortUnreachableException("nothing listens at "
                + Addresses.describe(remote) + ": a datagram sent there from " + Addresses.describe(local)
                + " came back as port unreachable (the endpoint stays open)");
        named.initCause(e);
        return named;
    }

    private SocketException failed(String what, IOException e) {
        SocketException named = new SocketException(what + " " + describe() + " failed: "
                + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        named.initCause(e);
        return named;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the socket; a task waiting to receive or send wakes and throws that the endpoint is closed. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Object r = reader();
        Object w = writer();
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
        if (r instanceof IoWaiter) {
            clearReader(r);
            ((IoWaiter) r).ioReady();
        }
        if (w instanceof IoWaiter) {
            clearWriter(w);
            ((IoWaiter) w).ioReady();
        }
        if (senders != null) {
            senders.releaseAll();
        }
    }

    @Override
    protected void loopClosing() {
        closed = true;
        super.loopClosing();
    }

    /** asyncio's {@code get_extra_info}: {@code "sockname"}, {@code "peername"}, {@code "socket"}. */
    public Object extraInfo(String name) {
        switch (name) {
            case "sockname":
                return local;
            case "peername":
                return remote;
            case "socket":
                return channel;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return "DatagramEndpoint[" + describe() + (closed ? ", closed" : "") + "]";
    }
}
