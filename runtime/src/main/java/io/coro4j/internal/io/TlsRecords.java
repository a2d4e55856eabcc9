package io.coro4j.internal.io;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The buffers of one {@link SSLEngine} over a plain transport, for {@link TlsTransport}: ciphertext read
 * from the socket and not unwrapped yet, plaintext unwrapped and not read yet, and the buffer a wrap
 * writes into before the plain transport takes it. What the engine's results mean (tasks, wraps an
 * unwrap asks for, the end) is the transport's business; here are only the bytes.
 *
 * <p>Both read buffers are kept in read mode (position to limit: what is held) between calls. They are
 * made at the first read and kept for the connection's life: about 33 KiB per TLS connection, the
 * engine's packet and application buffer sizes. Loop thread only.
 */
final class TlsRecords {
    private final SSLEngine engine;
    private final SocketTransport plain;
    /** Ciphertext read and not unwrapped yet; null until the first read. */
    private ByteBuffer netIn;
    /** Plaintext unwrapped and not read yet; null until the first unwrap. */
    private ByteBuffer appIn;
    /** Where a wrap writes; handed to the plain transport at once, which copies what it cannot send. */
    private ByteBuffer netOut;

    TlsRecords(SSLEngine engine, SocketTransport plain) {
        this.engine = engine;
        this.plain = plain;
    }

    /** Takes {@code ciphertext} as if read from the socket before anything else. */
    void received(byte[] ciphertext) {
        if (ciphertext.length > 0) {
            netIn = ByteBuffer.allocate(Math.max(ciphertext.length, engine.getSession().getPacketBufferSize()));
            netIn.put(ciphertext).flip();
        }
    }

    /** Whether plaintext is held. */
    boolean hasPlaintext() {
        return appIn != null && appIn.hasRemaining();
    }

    /** Moves what plaintext {@code dst} has room for into it; the number of bytes. */
    int takePlaintext(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        return n;
    }

    /**
     * Reads what the socket has, after the ciphertext held, with room for a whole record: the number of
     * bytes, 0 for none now, -1 at the end of the stream.
     */
    int readCiphertext() throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn == null) {
            netIn = ByteBuffer.allocate(packet);
        } else {
            netIn.compact();
            if (netIn.capacity() < packet || !netIn.hasRemaining()) {
                ByteBuffer grown = ByteBuffer.allocate(netIn.position() + packet);
                netIn.flip();
                grown.put(netIn);
                netIn = grown;
            }
        }
        try {
            return plain.read(netIn);
        } finally {
            netIn.flip();
        }
    }

    /**
     * Unwraps one record of the ciphertext held into the plaintext buffer (which must be empty); null when
     * no ciphertext is held.
     */
    SSLEngineResult unwrap() throws SSLException {
        if (netIn == null || !netIn.hasRemaining()) {
            return null;
        }
        int room = engine.getSession().getApplicationBufferSize();
        if (appIn == null || appIn.capacity() < room) {
            appIn = ByteBuffer.allocate(room);
        }
        appIn.clear();
        SSLEngineResult r;
        while ((r = engine.unwrap(netIn, appIn)).getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            ByteBuffer grown = ByteBuffer.allocate(appIn.capacity() + room);
            appIn.flip();
            grown.put(appIn);
            appIn = grown;
        }
        appIn.flip();
        return r;
    }

    /**
     * Wraps what the engine takes of {@code src} (one record at most, or a handshake or closing message
     * when {@code src} is empty) and hands the bytes to the plain transport. Once the engine's outbound
     * side is closed, what is left of {@code src} is dropped, as a closed transport drops writes.
     */
    SSLEngineResult wrap(ByteBuffer src) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        if (netOut == null || netOut.capacity() < packet) {
            netOut = ByteBuffer.allocate(packet);
        }
        SSLEngineResult r;
        while (true) {
            netOut.clear();
            r = engine.wrap(src, netOut);
            if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                break;
            }
            netOut = ByteBuffer.allocate(netOut.capacity() + packet);
        }
        netOut.flip();
        if (netOut.hasRemaining()) {
            plain.write(netOut);
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED && src.hasRemaining()) {
            src.position(src.limit());
        }
        return r;
    }
}
