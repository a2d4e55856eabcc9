package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.internal.io.SocketTransport;
import io.coro4j.internal.io.TlsTransport;
import io.coro4j.internal.io.Transport;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * What goes to the peer (asyncio's {@code StreamWriter}). {@link #write} sends at once what the socket
 * takes and buffers the rest, never waiting; {@link #drain()} is where a writer waits: while the buffer is
 * above its high-water mark (64 KiB by default), until it comes down to the low one (16 KiB, a quarter),
 * as asyncio's flow control does. Any number of tasks may drain one writer at once. So a task that writes
 * and drains in turn never holds more than the high-water mark plus one write.
 *
 * <h2>Fairness: a drain that does not wait still yields, now and then</h2>
 *
 * <p>In asyncio, {@code drain()} below the high-water mark returns without suspending, so a task that
 * writes and drains in a loop to a fast peer never lets the others run (gh-75279). Here a drain that need
 * not wait yields once (as {@code Coro.sleep(Duration.ZERO)}) when, since the task last left the loop's
 * turn, this writer has been drained {@value #DRAINS_PER_TURN} times or has been handed a high-water mark's
 * worth of bytes. A writer that waits, or a task that suspends anywhere else (a read, typically), starts
 * the count again, so a request-response loop never pays for it: its reads suspend first.
 *
 * <h2>States</h2>
 *
 * <pre>
 *   OPEN --writeEof()--&gt; EOF_WRITTEN (write refused; reading goes on)
 *    |                      |
 *    +------close()---------+--&gt; CLOSING (write refused; the buffer is still sent, then the socket
 *                                closed; waitClosed() waits for that)
 * </pre>
 *
 * A connection lost (a reset, a broken pipe) is not a state of the writer's: its writes are dropped, as
 * asyncio's are, and {@link #drain()} and {@link #waitClosed()} throw why, naming the peer.
 *
 * <p>Loop thread only, from any task of the loop.
 */
public final class StreamWriter {
    private static final System.Logger LOG = System.getLogger("io.coro4j.net");
    /** Drains that need not wait, within one turn, before one yields: see the class comment. */
    static final int DRAINS_PER_TURN = 16;

    /** Replaced once, by {@link #startTls}: the TLS transport over the plain one. */
    private Transport transport;
    /** The connection's reader, which {@link #startTls} moves to TLS too; null: startTls is refused. */
    private final StreamReader reader;
    /** Whether this is a server's end of the connection: the TLS server's side in {@link #startTls}. */
    private final boolean serverSide;
    /** writeEof() was called. */
    private boolean eofWritten;
    /** close() was called. */
    private boolean closed;
    /** The low 32 bits of the loop turn of the counts below. */
    private int turn;
    /** Within {@link #turn}: drains that did not wait, and bytes written. */
    private int drains;
    private int written;

    StreamWriter(Transport transport) {
        this(transport, null, false);
    }

    StreamWriter(Transport transport, StreamReader reader, boolean serverSide) {
        this.transport = transport;
        this.reader = reader;
        this.serverSide = serverSide;
    }

    /**
     * Sends {@code data}: at once what the socket takes, the rest (a copy) from the write buffer as the
     * socket drains. Never waits: call {@link #drain()} after writing.
     *
     * @throws IllegalStateException after {@link #close()} or {@link #writeEof()}
     */
    public void write(byte[] data) {
        Objects.requireNonNull(data, "data");
        write(data, 0, data.length);
    }

    /** {@link #write(byte[])} of {@code length} bytes of {@code data} from {@code offset}. */
    public void write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
        checkWritable("write");
        count(length);
        transport.write(data, offset, length);
    }

    /** {@link #write(byte[])} of the remaining bytes of {@code data}, which it consumes. */
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        checkWritable("write");
        count(data.remaining());
        transport.write(data);
    }

    /** {@link #write(byte[])} of {@code text} in UTF-8. */
    public void write(String text) {
        write(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes each array of {@code data}, in order (asyncio's {@code writelines}). */
    public void writelines(Iterable<byte[]> data) {
        Objects.requireNonNull(data, "data");
        checkWritable("writelines");
        for (byte[] b : data) {
            write(Objects.requireNonNull(b, "an array of data"));
        }
    }

    /** Counts bytes written within the turn, for the fairness of {@link #drain()}. */
    private void count(int bytes) {
        int now = (int) transport.loop().turn();
        if (now != turn) {
            turn = now;
            drains = 0;
            written = 0;
        }
        written = (int) Math.min(Integer.MAX_VALUE, (long) written + bytes);
    }

    /**
     * Waits while the write buffer is above its high-water mark, until it comes down to the low one
     * (asyncio's {@code drain}); otherwise returns at once, but yields now and then (see the class
     * comment). Many tasks may wait at once; all go on together.
     *
     * @throws java.net.SocketException when the connection was lost (naming the peer and why) or closed
     */
    @Async
    public void drain() throws IOException {
        checkThread();
        count(0);
        int before = turn;
        transport.awaitDrained(); // waits while writing is paused; throws when the connection is gone
        if ((int) transport.loop().turn() == before && (++drains >= DRAINS_PER_TURN || written >= transport.highWater())) {
            Coro.sleep(Duration.ZERO); // it did not wait, and has not let the others run for a while: gh-75279
        }
    }

    /** Whether {@link #writeEof()} works here (it does over TCP and Unix sockets, not over TLS). */
    public boolean canWriteEof() {
        checkThread();
        return transport.canWriteEof();
    }

    /**
     * Ends this side's stream once the buffer is sent (a TCP half-close): the peer reads its end of
     * stream, and may still send; {@link #write} is refused from now on.
     *
     * @throws UnsupportedOperationException when {@link #canWriteEof()} is false
     */
    public void writeEof() {
        checkThread();
        if (!transport.canWriteEof()) {
            throw new UnsupportedOperationException("this connection cannot end its stream alone"
                    + " (canWriteEof() is false): close it instead");
        }
        eofWritten = true;
        transport.writeEof();
    }

    /**
     * Closes the connection once what was written is sent; a task reading it meets the end of the stream.
     * Closing twice does nothing. To wait until it is closed: {@link #waitClosed()}.
     */
    public void close() {
        checkThread();
        closed = true;
        transport.close();
    }

    /** Closes the connection now, dropping what is buffered (asyncio's {@code transport.abort()}). */
    public void abort() {
        checkThread();
        closed = true;
        transport.abort();
    }

    /**
     * Closes the connection for the server ({@link Server#closeClients()}), or aborts it: unlike
     * {@link #close()}, the writer's user closed nothing, so its later writes are dropped and its drain
     * throws, as for a connection lost (asyncio's {@code close_clients} closes the transport alone).
     */
    void closeConnection(boolean abort) {
        if (abort) {
            transport.abort();
        } else {
            transport.close();
        }
    }

    /** Whether the connection is closed or closing: {@link #close()} was called, or the connection was lost. */
    public boolean isClosing() {
        checkThread();
        return closed || transport.isClosing();
    }

    /**
     * Waits until the connection is closed (asyncio's {@code wait_closed}): after {@link #close()}, until
     * the buffer is sent and the socket closed.
     *
     * @throws java.net.SocketException when the connection was lost, naming the peer and why
     */
    @Async
    public void waitClosed() throws IOException {
        checkThread();
        transport.awaitClosed();
    }

    /**
     * asyncio's {@code get_extra_info}: {@code "peername"} and {@code "sockname"} (an
     * {@code InetSocketAddress}, or a {@code UnixDomainSocketAddress} for a Unix socket), {@code "socket"}
     * (the {@code SocketChannel}: look, do not read or write); over TLS also {@code "sslcontext"} (the
     * {@code SSLContext}), {@code "peercert"} (the peer's {@code X509Certificate}, null when it showed
     * none), {@code "cipher"} (the cipher suite's name, {@code TLS_AES_128_GCM_SHA256}), {@code "protocol"}
     * ({@code TLSv1.3}) and {@code "sslsession"} (the {@code SSLSession}: asyncio's {@code "ssl_object"});
     * null for any other name.
     */
    public Object getExtraInfo(String name) {
        return getExtraInfo(name, null);
    }

    /** {@link #getExtraInfo(String)}, with {@code otherwise} for a name the connection does not know. */
    public Object getExtraInfo(String name, Object otherwise) {
        Objects.requireNonNull(name, "name");
        checkThread();
        Object info = transport.extraInfo(name);
        return info != null ? info : otherwise;
    }

    /**
     * Upgrades this open, plain connection to TLS (asyncio 3.11's {@code StreamWriter.start_tls}, as
     * STARTTLS in SMTP or IMAP does): the writer and its reader speak TLS from now on, after the handshake,
     * which this waits for. This side is the TLS client on a connection from {@code openConnection}, the
     * server on one a server accepted. What was written before is sent first, in the clear; bytes the
     * reader had read past its last read are the start of the peer's handshake, and count as such. A
     * client checks the server's certificate against {@link TlsOptions#serverHostname}, or the peer's
     * address when none is given (unless {@link TlsOptions#checkHostname} is off).
     *
     * <p>Both sides must agree when to start (after a line that says so, typically), and stop reading and
     * writing until it returns. If the handshake fails or times out, the connection is closed and this
     * throws, as {@link Streams#openConnection} would.
     *
     * @throws IllegalStateException when the connection is TLS already, or a task waits to read it
     * @throws java.net.SocketException when the connection is closed
     */
    @Async
    public void startTls(TlsOptions tls) throws IOException {
        checkThread();
        Objects.requireNonNull(tls, "tls");
        if (transport instanceof TlsTransport) {
            throw new IllegalStateException("startTls() on the connection with " + transport.peer()
                    + ", which speaks TLS already");
        }
        if (reader == null || !(transport instanceof SocketTransport)) {
            throw new IllegalStateException("startTls() on a writer made without its reader: " + this);
        }
        if (closed || transport.isClosing()) {
            throw new java.net.SocketException("startTls() on the connection with " + transport.peer()
                    + ", which is closed");
        }
        SocketTransport plain = (SocketTransport) transport;
        TlsTransport secured;
        if (serverSide) {
            secured = TlsTransport.server(plain, tls.context(), tls.executor());
        } else {
            Object peer = plain.extraInfo("peername");
            String host = peer instanceof InetSocketAddress ? ((InetSocketAddress) peer).getHostString() : null;
            secured = Streams.clientTls(plain, tls, host,
                    peer instanceof InetSocketAddress ? ((InetSocketAddress) peer).getPort() : -1);
        }
        secured.received(reader.upgrade(secured));
        transport = secured;
        secured.handshake(tls.handshakeTimeout());
    }

    /** {@link #startTls(TlsOptions)} with {@code context} and the defaults of {@link TlsOptions#of}. */
    @Async
    public void startTls(SSLContext context) throws IOException {
        startTls(TlsOptions.of(context));
    }

    /**
     * A server connection's TLS handshake, before its handler runs: false when it failed (the connection
     * is closed; logged at DEBUG, as asyncio logs it only in debug mode).
     */
    @Async
    boolean serverHandshake(Duration timeout) {
        try {
            ((TlsTransport) transport).handshake(timeout);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "TLS handshake with a client failed: " + e.getMessage(), e);
            return false;
        }
    }

    /** The bytes buffered and not sent yet (asyncio's {@code transport.get_write_buffer_size()}). */
    public int writeBufferSize() {
        checkThread();
        return transport.writeBufferSize();
    }

    /**
     * Sets the water marks of {@link #drain()} (asyncio's {@code transport.set_write_buffer_limits}).
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    public void setWriteBufferLimits(int high, int low) {
        checkThread();
        transport.setWriteBufferLimits(high, low);
    }

    /** The peer, described ({@code 127.0.0.1:53412}). */
    String peer() {
        return transport.peer();
    }

    private void checkWritable(String method) {
        checkThread();
        if (closed) {
            throw new IllegalStateException(method + "() after close() of the writer to " + transport.peer());
        }
        if (eofWritten) {
            throw new IllegalStateException(method + "() after writeEof() of the writer to " + transport.peer()
                    + ": this side's stream has ended");
        }
    }

    private void checkThread() {
        if (!transport.loop().inLoopThread()) {
            throw new IllegalStateException("a StreamWriter was used on thread \"" + Thread.currentThread().getName()
                    + "\", but it belongs to the event loop of thread \"" + transport.loop().thread().getName()
                    + "\": write from a task of that loop (loop.submit(...) from another thread)");
        }
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + "]";
    }
}
