package io.coro4j.internal.io;

import io.coro4j.Async;
import io.coro4j.internal.jfr.Flight;
import io.coro4j.internal.loop.IoRegistration;
import io.coro4j.internal.loop.IoWaiter;
import io.coro4j.internal.loop.LoopCore;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;

/**
 * The plain transport of a TCP or Unix-domain stream socket (asyncio's {@code _SelectorSocketTransport}):
 * the socket's registration with the loop's selector (so a connection pays for one object where it would
 * pay for two), a write buffer that exists only while the socket refuses bytes, and the write flow
 * control of its water marks.
 *
 * <h2>States ({@link #state}), and who moves them</h2>
 *
 * <pre>
 *   OPEN --close() (the stream's writer, the server's closeClients, the handler's end)--&gt; CLOSING
 *    |                                                                                       |
 *    |                                 the flush callback sent the last buffered byte -------+
 *    |                                                                                       v
 *    +--abort() (abortClients), or a read or write failed (failure set)------------------&gt; CLOSED
 * </pre>
 *
 * CLOSED closes the channel, wakes the task waiting to read (it reads the end of the stream, or the
 * failure), releases every task waiting in {@link #awaitDrained} and {@link #awaitClosed}, and tells the
 * listener (a server's connection). The loop's close makes it CLOSED quietly ({@link #loopClosing}).
 *
 * <h2>Flags ({@link #flags})</h2>
 *
 * <ul>
 *   <li>PEER_EOF: a read met the peer's end of stream; reads return -1 from then on.
 *   <li>DRAINED: the last read left the socket empty (it filled less than the room it had), so the next
 *       read waits for readiness without trying: one system call per message, as Netty reads.
 *   <li>EOF_PENDING, EOF_WRITTEN: {@link #writeEof()} was called; the output is shut down once the buffer is
 *       sent.
 *   <li>PAUSED: the buffer went above the high-water mark and has not come down to the low one
 *       ({@link #pauseWriting()}, {@link #resumeWriting()}: asyncio's {@code pause_writing} and
 *       {@code resume_writing}); {@link #awaitDrained} waits while it is set.
 * </ul>
 *
 * <p>Who calls what: everything on the loop thread. The stream reader calls {@link #read} and
 * {@link #awaitReadable} from its task; the writer {@link #write}, {@link #awaitDrained},
 * {@link #writeEof()}, {@link #close()} from any task of the loop; the loop queues {@link #run()} (the
 * flush) while the socket is writable and the buffer is not empty; a server calls {@link #close()} and
 * {@link #abort()} for its clients.
 */
public final class SocketTransport extends IoRegistration implements Transport, Runnable {
    private static final System.Logger LOG = System.getLogger("io.coro4j.net");
    public static final int DEFAULT_HIGH_WATER = 64 * 1024;
    public static final int DEFAULT_LOW_WATER = DEFAULT_HIGH_WATER / 4;

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    private static final int PEER_EOF = 1;
    private static final int DRAINED = 1 << 1;
    private static final int EOF_PENDING = 1 << 2;
    private static final int EOF_WRITTEN = 1 << 3;
    private static final int PAUSED = 1 << 4;

    private final SocketChannel socket;
    /** Set once connected (at once for an accepted socket). */
    private SocketAddress peername;
    private SocketAddress sockname;
    /** OPEN, CLOSING or CLOSED: see the class comment. */
    private int state;
    /** See the class comment. */
    private int flags;
    /** The bytes not sent yet, from {@link #pendingStart} to {@link #pendingEnd}; null while there are none. */
    private byte[] pending;
    private int pendingStart;
    private int pendingEnd;
    private int high = DEFAULT_HIGH_WATER;
    private int low = DEFAULT_LOW_WATER;
    /** Why the connection was lost, naming the peer; null while it was not. */
    private IOException failure;
    /** Made at the first wait. */
    private WaitList drainWaiters;
    private WaitList closeWaiters;
    private TransportListener listener;

    /**
     * The transport of {@code socket}, connected and in non-blocking mode (an accepted socket): registered
     * with the selector of {@code loop}, which owns it from now on (the loop closes it if it is still open
     * when the loop closes).
     */
    public SocketTransport(LoopCore loop, SocketChannel socket) throws IOException {
        super(loop, socket, true);
        this.socket = socket;
        if (socket.isConnected()) {
            connected();
        }
    }

    /**
     * Connects {@code socket} (not connected yet, in non-blocking mode) to {@code address} and returns its
     * transport. The socket is the loop's from the start: when the connect fails or the task is cancelled
     * (a timeout), it is closed before this throws, so nothing is left open.
     *
     * @throws java.net.ConnectException when the connection is refused, naming the address
     */
    @Async
    public static SocketTransport connect(LoopCore loop, SocketChannel socket, SocketAddress address) throws IOException {
        SocketTransport transport;
        try {
            transport = new SocketTransport(loop, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        try {
            if (!socket.connect(address)) {
                Sockets.finishConnect(loop, transport, socket, address);
            }
            transport.connected();
            return transport;
        } catch (Throwable e) {
            transport.abort();
            throw e;
        }
    }

    private void connected() throws IOException {
        peername = socket.getRemoteAddress();
        sockname = socket.getLocalAddress();
    }

    @Override
    public LoopCore loop() {
        return loop;
    }

    @Override
    public String peer() {
        return peername != null ? Addresses.describe(peername) : Addresses.peerOf(socket);
    }

    @Override
    public ByteBuffer scratch() {
        return loop.ioIfOpen().scratch();
    }

    // ------------------------------------------------------------------------------------------------
    // Reading
    // ------------------------------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (failure != null) {
            throw failed();
        }
        if (state != OPEN || (flags & PEER_EOF) != 0) {
            return -1;
        }
        if ((flags & DRAINED) != 0) {
            return 0;
        }
        int n;
        try {
            n = socket.read(dst);
        } catch (IOException e) {
            lost(e);
            throw failed();
        }
        if (n < 0) {
            flags |= PEER_EOF;
        } else if (n == 0 || dst.hasRemaining()) {
            flags |= DRAINED;
        }
        return n;
    }

    @Async
    @Override
    public void awaitReadable() throws IOException {
        if (state == OPEN && (flags & (PEER_EOF | DRAINED)) == DRAINED) {
            IoWait.begin(Sockets.current(loop, "io.coro4j.net.StreamReader.read"), this, IoWait.Kind.READ).await();
            flags &= ~DRAINED;
        }
    }

    @Override
    public boolean readerWaiting() {
        return reader() instanceof IoWaiter;
    }

    // ------------------------------------------------------------------------------------------------
    // Writing
    // ------------------------------------------------------------------------------------------------

    @Override
    public void write(byte[] data, int offset, int length) {
        if (length == 0 || !writable()) {
            return;
        }
        if (pending == null) {
            int sent = sendNow(data, offset, length);
            if (sent < 0 || sent == length) {
                return;
            }
            offset += sent;
            length -= sent;
        }
        buffer(data, offset, length);
    }

    @Override
    public void write(ByteBuffer data) {
        if (data.hasArray()) {
            write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            data.position(data.limit());
            return;
        }
        if (!data.hasRemaining() || !writable()) {
            data.position(data.limit());
            return;
        }
        if (pending == null) {
            try {
                socket.write(data);
            } catch (IOException e) {
                lost(e);
                data.position(data.limit());
                return;
            }
        }
        if (data.hasRemaining()) {
            byte[] rest = new byte[data.remaining()];
            data.get(rest);
            buffer(rest, 0, rest.length);
        }
    }

    /** Whether bytes written now are sent: OPEN, and this side's end of stream not asked for. */
    private boolean writable() {
        return state == OPEN && (flags & (EOF_PENDING | EOF_WRITTEN)) == 0;
    }

    /**
     * Sends what the socket takes now, through the loop's scratch buffer (a direct one: the copy the JDK
     * would make into its own, without a buffer allocated per write); -1 when the connection failed.
     */
    private int sendNow(byte[] data, int offset, int length) {
        ByteBuffer s = scratch();
        int sent = 0;
        try {
            while (sent < length) {
                int chunk = Math.min(length - sent, s.capacity());
                s.clear();
                s.put(data, offset + sent, chunk).flip();
                int n = socket.write(s);
                sent += n;
                if (n < chunk) {
                    break;
                }
            }
        } catch (IOException e) {
            lost(e);
            return -1;
        }
        return sent;
    }

    /** Keeps a copy of what the socket did not take; the flush callback sends it as the socket drains. */
    private void buffer(byte[] data, int offset, int length) {
        int size = pendingEnd - pendingStart;
        if (pending == null) {
            pending = new byte[Math.max(length, 1024)];
            pendingStart = 0;
            pendingEnd = 0;
        } else if (pending.length - pendingEnd < length) {
            if (pending.length >= size + length) {
                System.arraycopy(pending, pendingStart, pending, 0, size);
            } else {
                byte[] grown = new byte[Math.max(size + length, 2 * pending.length)];
                System.arraycopy(pending, pendingStart, grown, 0, size);
                pending = grown;
            }
            pendingStart = 0;
            pendingEnd = size;
        }
        System.arraycopy(data, offset, pending, pendingEnd, length);
        pendingEnd += length;
        if (writer() != this) {
            try {
                setWriter(this);
            } catch (ClosedChannelException e) {
                lost(e);
                return;
            }
        }
        if ((flags & PAUSED) == 0 && pendingEnd - pendingStart > high) {
            pauseWriting();
        }
    }

    /** The flush: queued by the loop while the socket is writable and bytes are buffered. */
    @Override
    public void run() {
        if (state == CLOSED || pending == null) {
            return;
        }
        ByteBuffer s = scratch();
        try {
            while (pendingStart < pendingEnd) {
                int chunk = Math.min(pendingEnd - pendingStart, s.capacity());
                s.clear();
                s.put(pending, pendingStart, chunk).flip();
                int n = socket.write(s);
                pendingStart += n;
                if (n < chunk) {
                    break;
                }
            }
        } catch (IOException e) {
            lost(e);
            return;
        }
        if (pendingStart == pendingEnd) {
            pending = null;
            pendingStart = 0;
            pendingEnd = 0;
            clearWriter(this);
        }
        if ((flags & PAUSED) != 0 && pendingEnd - pendingStart <= low) {
            resumeWriting();
        }
        if (pending == null) {
            if (state == CLOSING) {
                finishClose();
            } else if ((flags & EOF_PENDING) != 0) {
                shutdownOutput();
            }
        }
    }

    /** The buffer went above the high-water mark: drains wait from now on. The one place writing pauses. */
    private void pauseWriting() {
        flags |= PAUSED;
        writerPaused();
    }

    /** Reports a pause: a TRACE log line, and a {@code WriterPaused} JFR event while a recording runs. */
    private void writerPaused() {
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "writing to " + peer() + " paused: " + writeBufferSize()
                    + " bytes buffered, above the high-water mark of " + high);
        }
        if (Flight.recording) {
            Flight.writerPaused(peer(), writeBufferSize(), high);
        }
    }

    /** The buffer came down to the low-water mark: the tasks waiting to drain go on. */
    private void resumeWriting() {
        flags &= ~PAUSED;
        if (drainWaiters != null) {
            drainWaiters.releaseAll();
        }
    }

    @Override
    public int writeBufferSize() {
        return pendingEnd - pendingStart;
    }

    @Override
    public int highWater() {
        return high;
    }

    @Override
    public int lowWater() {
        return low;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("the water marks must be high >= low >= 0, not high=" + high
                    + ", low=" + low);
        }
        this.high = high;
        this.low = low;
        int size = writeBufferSize();
        if ((flags & PAUSED) == 0 && size > high) {
            pauseWriting();
        } else if ((flags & PAUSED) != 0 && size <= low) {
            resumeWriting();
        }
    }

    @Async
    @Override
    public void awaitDrained() throws IOException {
        checkUsable();
        if ((flags & PAUSED) != 0) {
            drainWaiters().await(Sockets.current(loop, "io.coro4j.net.StreamWriter.drain"));
            checkUsable();
        }
    }

    private WaitList drainWaiters() {
        if (drainWaiters == null) {
            drainWaiters = new WaitList(() -> "to drain the writer to " + peer() + " (" + writeBufferSize()
                    + " bytes buffered, high-water mark " + high + ")");
        }
        return drainWaiters;
    }

    /** Throws the failure, or that the connection is closed, unless it is OPEN. */
    private void checkUsable() throws IOException {
        if (failure != null) {
            throw failed();
        }
        if (state != OPEN) {
            throw new SocketException("the connection with " + peer() + " is closed");
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public void writeEof() {
        if (!writable()) {
            return;
        }
        flags |= EOF_PENDING;
        if (pending == null) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        flags = (flags & ~EOF_PENDING) | EOF_WRITTEN;
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            lost(e);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Life
    // ------------------------------------------------------------------------------------------------

    @Override
    public boolean isClosing() {
        return state != OPEN;
    }

    @Override
    public boolean isClosed() {
        return state == CLOSED;
    }

    @Override
    public void close() {
        if (state != OPEN) {
            return;
        }
        state = CLOSING;
        wakeReader();
        if (pending == null) {
            finishClose();
        }
    }

    @Override
    public void abort() {
        finishClose();
    }

    @Async
    @Override
    public void awaitClosed() throws IOException {
        if (state != CLOSED) {
            if (closeWaiters == null) {
                closeWaiters = new WaitList(() -> "for the connection with " + peer() + " to close ("
                        + writeBufferSize() + " bytes still to send)");
            }
            closeWaiters.await(Sockets.current(loop, "io.coro4j.net.StreamWriter.waitClosed"));
        }
        if (failure != null) {
            throw failed();
        }
    }

    @Override
    public IOException failure() {
        return failure;
    }

    /** A read or write failed: the connection is lost, with an error that names the peer. */
    private void lost(IOException e) {
        if (failure == null && state != CLOSED) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            SocketException named = new SocketException("the connection with " + peer() + " was lost: " + why);
            named.initCause(e);
            failure = named;
        }
        finishClose();
    }

    /** The failure, thrown anew so that its stack trace shows the caller; its cause is the original. */
    private IOException failed() {
        SocketException thrown = new SocketException(failure.getMessage());
        thrown.initCause(failure.getCause());
        return thrown;
    }

    /** CLOSED: see the class comment. */
    private void finishClose() {
        if (state == CLOSED) {
            return;
        }
        state = CLOSED;
        pending = null;
        pendingStart = 0;
        pendingEnd = 0;
        flags &= ~PAUSED;
        clearWriter(this);
        wakeReader();
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
        if (drainWaiters != null) {
            drainWaiters.releaseAll();
        }
        if (closeWaiters != null) {
            closeWaiters.releaseAll();
        }
        TransportListener l = listener;
        if (l != null) {
            listener = null;
            l.transportClosed(this);
        }
    }

    /** A task waiting to read goes on: it reads the end of the stream, or the failure. */
    private void wakeReader() {
        Object r = reader();
        if (r instanceof IoWaiter) {
            ((IoWaiter) r).ioReady();
        }
    }

    @Override
    protected void loopClosing() {
        state = CLOSED;
        pending = null;
        super.loopClosing();
    }

    @Override
    public Object extraInfo(String name) {
        switch (name) {
            case "peername":
                return peername;
            case "sockname":
                return sockname;
            case "socket":
                return socket;
            default:
                return null;
        }
    }

    @Override
    public void setListener(TransportListener listener) {
        this.listener = listener;
    }

    @Override
    public String toString() {
        return "SocketTransport[" + peer() + ", " + (state == OPEN ? "open" : state == CLOSING ? "closing" : "closed")
                + (pending != null ? ", " + writeBufferSize() + " bytes buffered" : "") + "]";
    }
}
