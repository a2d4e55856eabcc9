package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.internal.io.Transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the peer sends (asyncio's {@code StreamReader}): {@link #read}, {@link #readline},
 * {@link #readexactly}, {@link #readuntil}. The reader takes bytes from the socket only when a read asks
 * for them, so the peer's sending waits (TCP's flow control) while nobody reads, and a read that is
 * cancelled loses no byte: what it had read stays in the reader, for the next read.
 *
 * <h2>The buffer ({@link #buf})</h2>
 *
 * <pre>
 *   EMPTY (null) --a read took more from the socket than it returns (readline found its line mid-chunk)
 *     ^            or must wait for more (readexactly, readuntil, a read cancelled)--&gt; HOLDING bytes
 *     |                                                                                   |
 *     +----------------------------a read took the last of them---------------------------+
 * </pre>
 *
 * An idle connection holds no buffer, and a read whose bytes arrive in one piece allocates nothing but
 * what it returns: the socket is read through the loop's scratch buffer.
 *
 * <h2>The end of the stream ({@link #eof})</h2>
 *
 * <p>Set when a read meets the peer's end of stream (or this side's close); then {@link #read} returns
 * what is left and then empty arrays, and {@link #atEof()} is true once nothing is left.
 *
 * <p>One task reads at a time: a read while another task waits to read the same stream throws
 * {@link IllegalStateException} (asyncio's {@code RuntimeError}). Loop thread only, like every object of
 * a loop.
 */
public final class StreamReader {
    /** asyncio's default limit: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    /** Replaced once, by {@link StreamWriter#startTls}: the TLS transport over the plain one. */
    private Transport transport;
    private final int limit;
    /** The bytes read from the socket and not yet returned, from {@link #start} to {@link #end}; or null. */
    private byte[] buf;
    private int start;
    private int end;
    /** The end of the stream was met. */
    private boolean eof;

    StreamReader(Transport transport, int limit) {
        this.transport = transport;
        this.limit = limit;
    }

    /**
     * Reads from {@code secured} from now on ({@code startTls}), and returns the bytes held: read from
     * the plain transport past the last read, they are the start of the peer's handshake.
     *
     * @throws IllegalStateException when a task waits to read now
     */
    byte[] upgrade(Transport secured) {
        if (transport.readerWaiting()) {
            throw new IllegalStateException("startTls() while a task waits to read from " + transport.peer()
                    + ": stop reading first (the reader and the writer change to TLS together)");
        }
        byte[] rest = takeAllOrEmpty();
        transport = secured;
        return rest;
    }

    /** The limit of {@link #readuntil} and {@link #readline}, in bytes. */
    public int limit() {
        return limit;
    }

    /**
     * Up to {@code n} bytes: what is there, waiting until something is; an empty array at the end of the
     * stream. {@code n < 0} reads to the end of the stream (asyncio's {@code read(-1)}); {@code n == 0}
     * returns an empty array at once.
     */
    @Async
    public byte[] read(int n) throws IOException {
        checkThread();
        if (n < 0) {
            return readToEnd();
        }
        if (n == 0) {
            return EMPTY;
        }
        while (true) {
            if (end > start) {
                return take(Math.min(n, end - start));
            }
            if (eof) {
                return EMPTY;
            }
            ByteBuffer s = transport.scratch();
            s.limit(Math.min(n, s.capacity()));
            int got = transport.read(s);
            if (got > 0) {
                byte[] data = new byte[got];
                s.flip().get(data);
                return data;
            }
            if (got < 0) {
                eof = true;
            } else {
                awaitReadable("read");
            }
        }
    }

    /**
     * Reads into {@code dst} what is there (at most its remaining room), waiting until something is: the
     * number of bytes, or -1 at the end of the stream (0 when {@code dst} has no room). Allocates nothing.
     */
    @Async
    public int read(ByteBuffer dst) throws IOException {
        checkThread();
        Objects.requireNonNull(dst, "dst");
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (true) {
            if (end > start) {
                int n = Math.min(dst.remaining(), end - start);
                dst.put(buf, start, n);
                consumed(n);
                return n;
            }
            if (eof) {
                return -1;
            }
            int got = transport.read(dst);
            if (got != 0) {
                if (got < 0) {
                    eof = true;
                }
                return got;
            }
            awaitReadable("read");
        }
    }

    /** {@code read(-1)}: every byte to the end of the stream, gathered in the buffer as they come. */
    @Async
    private byte[] readToEnd() throws IOException {
        while (fill("read")) {
            // gathered in the buffer: a cancel keeps them there
        }
        return end > start ? take(end - start) : EMPTY;
    }

    /**
     * A line: the bytes up to and including {@code '\n'}; at the end of the stream, what is left (an empty
     * array when nothing is). Past the limit it throws {@link LimitOverrunException} after dropping the
     * line's bytes read so far, as asyncio's {@code readline} drops them (asyncio raises
     * {@code ValueError} there).
     */
    @Async
    public byte[] readline() throws IOException {
        try {
            return readuntil(NEWLINE);
        } catch (IncompleteReadException e) {
            return e.partial();
        } catch (LimitOverrunException e) {
            int consumed = e.consumed();
            if (end - start > consumed && buf[start + consumed] == '\n') {
                consumed(consumed + 1);
            } else {
                dropAll();
            }
            throw e;
        }
    }

    /**
     * The bytes up to and including {@code separator} (asyncio's {@code readuntil}). At the end of the
     * stream without it: {@link IncompleteReadException} with the bytes read, which the reader drops. When
     * the separator is not within the limit: {@link LimitOverrunException}, and the bytes stay in the
     * reader (a read can take them).
     *
     * @throws IllegalArgumentException when {@code separator} is empty
     */
    @Async
    public byte[] readuntil(byte[] separator) throws IOException {
        checkThread();
        Objects.requireNonNull(separator, "separator");
        int seplen = separator.length;
        if (seplen == 0) {
            throw new IllegalArgumentException("the separator is empty");
        }
        int offset = 0; // where the next search starts: the separator cannot end before it
        while (true) {
            int size = end - start;
            if (size - offset >= seplen) {
                int found = indexOf(buf, start + offset, end, separator);
                if (found >= 0) {
                    int isep = found - start;
                    if (isep > limit) {
                        throw new LimitOverrunException("the separator was found " + isep + " bytes into the"
                                + " stream from " + transport.peer() + ", past the reader's limit of " + limit
                                + " bytes", isep);
                    }
                    return take(isep + seplen);
                }
                offset = size + 1 - seplen;
                if (offset > limit) {
                    throw new LimitOverrunException("no separator in the first " + limit + " bytes from "
                            + transport.peer() + " (the reader's limit)", offset);
                }
            }
            if (eof) {
                byte[] partial = takeAllOrEmpty();
                throw new IncompleteReadException("the stream from " + transport.peer() + " ended after "
                        + partial.length + " bytes without the separator", partial, -1);
            }
            if (size == 0) {
                // the usual case, with nothing held: look for the separator in what the socket gives
                ByteBuffer s = transport.scratch();
                int got = transport.read(s);
                if (got > 0) {
                    int found = indexOf(s, got, separator);
                    if (found >= 0 && found <= limit) {
                        byte[] line = new byte[found + seplen];
                        s.flip().get(line);
                        append(s); // the rest, if any, for the next read
                        return line;
                    }
                    append(s.flip());
                } else if (got < 0) {
                    eof = true;
                } else {
                    awaitReadable("readuntil");
                }
            } else {
                fill("readuntil");
            }
        }
    }

    /**
     * Exactly {@code n} bytes, waiting until they are all there (asyncio's {@code readexactly}); at the
     * end of the stream before that, {@link IncompleteReadException} with the bytes read, which the reader
     * drops.
     *
     * @throws IllegalArgumentException when {@code n} is negative
     */
    @Async
    public byte[] readexactly(int n) throws IOException {
        checkThread();
        if (n < 0) {
            throw new IllegalArgumentException("n is negative: " + n);
        }
        if (n == 0) {
            return EMPTY;
        }
        if (end == start && !eof) {
            // the usual case, with nothing held: take the bytes straight from the socket
            ByteBuffer s = transport.scratch();
            int got = transport.read(s);
            if (got >= n) {
                byte[] data = new byte[n];
                s.flip().get(data);
                append(s);
                return data;
            }
            if (got > 0) {
                append(s.flip());
            } else if (got < 0) {
                eof = true;
            }
        }
        while (end - start < n) {
            if (!fill("readexactly")) {
                byte[] partial = takeAllOrEmpty();
                throw new IncompleteReadException("the stream from " + transport.peer() + " ended after "
                        + partial.length + " of " + n + " bytes", partial, n);
            }
        }
        return take(n);
    }

    /**
     * Whether the stream has ended and every byte was read (asyncio's {@code at_eof}). The end is known
     * once a read met it: a stream whose peer closed but that nobody read since is not at its end yet.
     */
    public boolean atEof() {
        checkThread();
        return eof && end == start;
    }

    /**
     * Reads once more into the buffer, waiting until something comes: true when bytes were added, false
     * at the end of the stream.
     */
    @Async
    private boolean fill(String method) throws IOException {
        while (!eof) {
            ByteBuffer s = transport.scratch();
            int got = transport.read(s);
            if (got > 0) {
                append(s.flip());
                return true;
            }
            if (got < 0) {
                eof = true;
            } else {
                awaitReadable(method);
            }
        }
        return false;
    }

    @Async
    private void awaitReadable(String method) throws IOException {
        if (transport.readerWaiting()) {
            throw new IllegalStateException("StreamReader." + method + "() called while another task is already"
                    + " waiting to read from " + transport.peer() + ": one task reads a stream at a time");
        }
        transport.awaitReadable();
    }

    // ------------------------------------------------------------------------------------------------
    // The buffer
    // ------------------------------------------------------------------------------------------------

    /** Appends the remaining bytes of {@code src}. */
    private void append(ByteBuffer src) {
        int n = src.remaining();
        if (n == 0) {
            return;
        }
        int size = end - start;
        if (buf == null) {
            buf = new byte[Math.max(n, 256)];
            start = 0;
            end = 0;
        } else if (buf.length - end < n) {
            byte[] into = buf.length >= size + n ? buf : new byte[Math.max(size + n, 2 * buf.length)];
            System.arraycopy(buf, start, into, 0, size);
            buf = into;
            start = 0;
            end = size;
        }
        src.get(buf, end, n);
        end += n;
    }

    /** The first {@code n} bytes held (there are that many), removed. */
    private byte[] take(int n) {
        byte[] data = Arrays.copyOfRange(buf, start, start + n);
        consumed(n);
        return data;
    }

    private byte[] takeAllOrEmpty() {
        return end > start ? take(end - start) : EMPTY;
    }

    /** Drops the first {@code n} bytes held; an emptied buffer is let go. */
    private void consumed(int n) {
        start += n;
        if (start == end) {
            dropAll();
        }
    }

    private void dropAll() {
        buf = null;
        start = 0;
        end = 0;
    }

    /** The index of {@code separator} in {@code a} between {@code from} and {@code to}, or -1. */
    private static int indexOf(byte[] a, int from, int to, byte[] separator) {
        byte first = separator[0];
        for (int i = from, last = to - separator.length; i <= last; i++) {
            if (a[i] == first && matches(a, i, separator)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] a, int at, byte[] separator) {
        for (int j = 1; j < separator.length; j++) {
            if (a[at + j] != separator[j]) {
                return false;
            }
        }
        return true;
    }

    /** The index of {@code separator} in the first {@code length} bytes of {@code b}, or -1. */
    private static int indexOf(ByteBuffer b, int length, byte[] separator) {
        byte first = separator[0];
        outer:
        for (int i = 0, last = length - separator.length; i <= last; i++) {
            if (b.get(i) == first) {
                for (int j = 1; j < separator.length; j++) {
                    if (b.get(i + j) != separator[j]) {
                        continue outer;
                    }
                }
                return i;
            }
        }
        return -1;
    }

    private void checkThread() {
        if (!transport.loop().inLoopThread()) {
            throw new IllegalStateException("a StreamReader was used on thread \"" + Thread.currentThread().getName()
                    + "\", but it belongs to the event loop of thread \"" + transport.loop().thread().getName()
                    + "\": read it from a task of that loop (loop.submit(...) from another thread)");
        }
    }

    @Override
    public String toString() {
        return "StreamReader[" + transport.peer() + (end > start ? ", " + (end - start) + " bytes held" : "")
                + (eof ? ", at the end" : "") + "]";
    }
}
