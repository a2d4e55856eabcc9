package io.coro4j.internal.io;

import io.coro4j.Async;
import io.coro4j.internal.loop.LoopCore;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One connection's byte stream, as the stream reader and writer of {@code io.coro4j.net} use it: asyncio's
 * transport, with reading pulled rather than pushed. The reader asks for bytes ({@link #read}) and waits
 * for readiness when there are none ({@link #awaitReadable}); the writer hands bytes over ({@link #write}),
 * which the transport sends at once or buffers, and waits while its buffer is above the high-water mark
 * ({@link #awaitDrained}). Nothing is read from the socket until someone asks, so an idle connection holds
 * no read buffer, a cancel never loses a byte, and a reader that stops reading stops the peer through TCP's
 * own flow control (asyncio's {@code pause_reading}, for free).
 *
 * <p>This interface is the seam for TLS: a TLS transport wraps a plain {@link SocketTransport} (see the
 * package comment), and the streams above work over either unchanged.
 *
 * <h2>Life ({@link #isClosing()}, {@link #failure()})</h2>
 *
 * <pre>
 *   OPEN --close(): what is buffered is still sent--&gt; CLOSING --buffer sent--&gt; CLOSED (failure() null)
 *     |                                                   |
 *     +--abort(), or a read or write failed----------------+--&gt; CLOSED (failure() says why, unless abort())
 * </pre>
 *
 * Orthogonal to it: the peer's end of stream ({@link #read} returns -1; writing goes on: a half-close),
 * and this side's ({@link #writeEof()}, after the buffer is sent). Once CLOSING, reads return -1 (asyncio
 * feeds the reader its EOF when it closes) and writes are dropped; once CLOSED with a failure, reads,
 * drains and {@link #awaitClosed()} throw it, naming the peer.
 *
 * <p>Loop thread only: every method, from the tasks and callbacks of the transport's loop.
 */
public interface Transport {
    /** The loop the transport belongs to. */
    LoopCore loop();

    /** The peer, described for messages ({@code 127.0.0.1:53412}, a Unix socket's path). */
    String peer();

    /**
     * The loop's scratch buffer, cleared: where the reader reads into before it copies the bytes out, within
     * one step of its task (see {@code IoPoller.scratch()}).
     */
    ByteBuffer scratch();

    // ---- reading

    /**
     * Reads what is there now into {@code dst}: the number of bytes (more than 0), 0 when nothing is there
     * yet (then {@link #awaitReadable}), or -1 at the end of the stream (the peer's, or this side closed).
     * Never waits.
     *
     * @throws IOException the connection's failure, naming the peer; it is CLOSED from then on
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Waits until {@link #read} may return something other than 0: bytes, the end of the stream or a
     * failure. One task at a time.
     *
     * @throws IllegalStateException when another task waits to read already
     */
    @Async
    void awaitReadable() throws IOException;

    /** Whether a task waits in {@link #awaitReadable} now. */
    boolean readerWaiting();

    // ---- writing

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset}: at once what the socket takes, and
     * a copy of the rest into the write buffer, which the loop sends as the socket drains. Dropped once
     * CLOSING or CLOSED (asyncio's transport drops them too; {@link #awaitDrained} reports a failure).
     */
    void write(byte[] data, int offset, int length);

    /** {@link #write(byte[], int, int)} of the remaining bytes of {@code data}, which it consumes. */
    void write(ByteBuffer data);

    /** The bytes buffered and not yet sent. */
    int writeBufferSize();

    /** The write buffer's high-water mark: above it, {@link #awaitDrained} waits. */
    int highWater();

    /** The write buffer's low-water mark: at or below it, the waiters of {@link #awaitDrained} go on. */
    int lowWater();

    /**
     * Sets the water marks (asyncio's {@code set_write_buffer_limits}); a buffer above the new high mark
     * pauses writing at once, one at or below the new low mark resumes it.
     *
     * @throws IllegalArgumentException unless {@code high >= low >= 0}
     */
    void setWriteBufferLimits(int high, int low);

    /**
     * Returns at once unless writing is paused (the buffer went above the high-water mark and has not yet
     * come down to the low one); then waits until it resumes. Any number of tasks may wait at once.
     *
     * @throws IOException the connection's failure, or a closed connection, naming the peer
     */
    @Async
    void awaitDrained() throws IOException;

    /** Whether {@link #writeEof()} works on this transport (not over TLS). */
    boolean canWriteEof();

    /** Ends this side's stream once the buffer is sent (a TCP half-close); reading goes on. */
    void writeEof();

    // ---- life

    /** Whether {@link #close()} or {@link #abort()} was called, or the connection failed. */
    boolean isClosing();

    /** Whether the transport reached CLOSED: its channel is closed. */
    boolean isClosed();

    /** Closes once what is buffered is sent; a task waiting to read gets the end of the stream. */
    void close();

    /** Closes now: the buffer is dropped. */
    void abort();

    /**
     * Waits until the transport is CLOSED.
     *
     * @throws IOException the failure it closed with, if any
     */
    @Async
    void awaitClosed() throws IOException;

    /** Why the connection failed, naming the peer, or null. */
    IOException failure();

    /**
     * asyncio's {@code get_extra_info}: {@code "peername"}, {@code "sockname"} (a {@code SocketAddress}),
     * {@code "socket"} (the channel); null for a name the transport does not know.
     */
    Object extraInfo(String name);

    /** Tells {@code listener} when the transport reaches CLOSED (one listener; null for none). */
    void setListener(TransportListener listener);
}
