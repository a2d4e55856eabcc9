package io.coro4j.internal.io;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.Timeout;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.task.BlockingCalls;
import io.coro4j.internal.task.TaskImpl;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;

/**
 * TLS over a plain {@link SocketTransport} (asyncio's {@code SSLProtocol} with its app transport): an
 * {@link SSLEngine} run on the loop, between the streams and the socket. Reading stays pulled: a read
 * takes ciphertext from the plain transport only when it has no plaintext left, so a cancelled read
 * loses nothing: what was unwrapped, and what was not yet, stays in {@link TlsRecords}.
 *
 * <h2>States ({@link #state})</h2>
 *
 * <pre>
 *   HANDSHAKING --handshake() done--&gt; OPEN --close(): close_notify sent, then the plain transport closed--&gt; CLOSED
 *        |                              |
 *        +--failed, timed out, cancelled: the plain transport aborted (failure set, unless cancelled)----&gt; CLOSED
 *                                       +--a record failed (bad MAC, an alert): failure set, plain closed--&gt; CLOSED
 * </pre>
 *
 * The peer's close_notify, or its end of stream without one (asyncio tolerates that too), is the end of
 * the stream for reads ({@link #INBOUND_DONE}); writing goes on until this side closes.
 *
 * <h2>The engine's work, and where it runs</h2>
 *
 * <ul>
 *   <li>Wrap (plaintext to records) in {@link #write}, handed to the plain transport at once, which sends or
 *       buffers it; its buffer is the flow control ({@link #awaitDrained} is the plain one's).</li>
 *   <li>Unwrap in {@link #read}. When an unwrap asks for a wrap (a TLS 1.2 close_notify reply, a TLS 1.3
 *       key update), the wrap is queued as a callback ({@link #run()}): a read fills the loop's scratch
 *       buffer, which a write to the plain transport would reuse.</li>
 *   <li>Delegated tasks (certificate checks, key exchange) in an executor ({@link #runDelegatedTasks}), the
 *       task awaiting their future, which completes back on the loop through its thread-safe post: never
 *       on the loop (netty#8847).</li>
 * </ul>
 *
 * <p>Writes made while a handshake runs (during {@code startTls}, or a TLS 1.2 renegotiation) are held
 * back as plaintext ({@link #held}) and wrapped when it is done. Loop thread only.
 */
public final class TlsTransport implements Transport, Runnable {
    private static final int HANDSHAKING = 0;
    private static final int OPEN = 1;
    private static final int CLOSED = 2;

    /** The peer's close_notify or end of stream was read: reads return -1. */
    private static final int INBOUND_DONE = 1;
    /** An unwrap asked for delegated tasks: the next {@link #awaitReadable} runs them. */
    private static final int NEED_TASK = 1 << 1;
    /** {@link #run()} is queued: a wrap that an unwrap asked for. */
    private static final int WRAP_QUEUED = 1 << 2;
    /** A task awaits the delegated tasks in the executor. */
    private static final int TASKS_RUNNING = 1 << 3;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketTransport plain;
    private final SSLEngine engine;
    private final SSLContext context;
    private final Executor executor;
    private final boolean client;
    private int state = HANDSHAKING;
    private int flags;
    /** The engine's buffers: ciphertext read, plaintext unwrapped, records wrapped. */
    private final TlsRecords records;
    /** Plaintext written while a handshake runs, from 0 to {@link #heldSize}; null while none is. */
    private byte[] held;
    private int heldSize;
    /** Tasks that came to read during the handshake (during startTls); made at the first. */
    private WaitList handshakeWaiters;
    /** Why the TLS layer failed, naming the peer; the plain transport's failure is its own. */
    private IOException failure;

    private TlsTransport(SocketTransport plain, SSLContext context, SSLEngine engine, Executor executor, boolean client) {
        this.plain = plain;
        this.context = context;
        this.engine = engine;
        this.records = new TlsRecords(engine, plain);
        this.executor = executor;
        this.client = client;
    }

    /**
     * The client's TLS over {@code plain}, not handshaken yet ({@link #handshake} next).
     *
     * @param hostname the host the client expects in the server's certificate and sends as SNI
     * @param checkHostname whether the certificate must name {@code hostname} (HTTPS endpoint identification)
     */
    public static TlsTransport client(SocketTransport plain, SSLContext context, String hostname, int port,
            boolean checkHostname, Executor executor) {
        SSLEngine engine = context.createSSLEngine(hostname, port);
        engine.setUseClientMode(true);
        if (checkHostname) {
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
        }
        return new TlsTransport(plain, context, engine, executor, true);
    }

    /** The server's TLS over {@code plain}, not handshaken yet ({@link #handshake} next). */
    public static TlsTransport server(SocketTransport plain, SSLContext context, Executor executor) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return new TlsTransport(plain, context, engine, executor, false);
    }

    /**
     * Takes {@code ciphertext} as if read from the socket before anything else: the bytes a plain reader
     * read past its last line when the peer started its handshake at once ({@code startTls}).
     */
    public void received(byte[] ciphertext) {
        records.received(ciphertext);
    }

    // ------------------------------------------------------------------------------------------------
    // The handshake
    // ------------------------------------------------------------------------------------------------

    /**
     * Runs the handshake, within {@code timeout} (null: no limit). On any failure, a timeout or a cancel,
     * the plain transport is aborted before this throws (after the alert the engine had to send, if any).
     *
     * @throws javax.net.ssl.SSLHandshakeException when the handshake failed, naming the peer and why (a
     *     certificate rejected by either side, no common protocol or cipher suite, the peer not speaking TLS)
     * @throws SocketTimeoutException when it took longer than {@code timeout}
     */
    @Async
    public void handshake(Duration timeout) throws IOException {
        try {
            handshakeWithin(timeout);
        } finally {
            if (handshakeWaiters != null) {
                handshakeWaiters.releaseAll(); // a reader that came early reads now, or meets the failure
            }
        }
    }

    @Async
    private void handshakeWithin(Duration timeout) throws IOException {
        Timeout scope = timeout != null ? Coro.timeout(timeout) : null;
        try {
            engine.beginHandshake();
            handshakeSteps();
        } catch (CancellationException e) {
            boolean expired = scope != null && scope.expired();
            if (scope != null) {
                scope.close();
            }
            plain.abort();
            state = CLOSED;
            if (expired && TaskImpl.current("io.coro4j.net.StreamWriter.startTls").cancelling() == 0) {
                SocketTimeoutException late = new SocketTimeoutException("the TLS handshake with " + peer()
                        + " took longer than " + seconds(timeout) + ": the connection was aborted (is the peer a TLS "
                        + (client ? "server" : "client") + "? TlsOptions.handshakeTimeout sets the limit)");
                late.initCause(e);
                failure = late;
                throw late;
            }
            throw e;
        } catch (SSLException e) {
            throw handshakeFailed(e);
        } catch (IOException | RuntimeException | Error e) {
            plain.abort();
            state = CLOSED;
            throw e;
        } finally {
            if (scope != null) {
                scope.close();
            }
        }
        state = OPEN;
        flushHeld();
    }

    @Async
    private void handshakeSteps() throws IOException {
        while (true) {
            if (plain.isClosing()) {
                throw plain.failure() != null ? plain.failure()
                        : new SocketException("the connection with " + peer() + " closed during the TLS handshake");
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrap()) {
                        int n = records.readCiphertext();
                        if (n < 0) {
                            throw new javax.net.ssl.SSLHandshakeException("the peer closed the connection (is it a"
                                    + " TLS " + (client ? "server" : "client") + "? does it accept this side's protocols?)");
                        }
                        if (n == 0) {
                            plain.awaitReadable();
                        }
                    }
                    break;
                case NEED_TASK:
                    runDelegatedTasks();
                    break;
                default: // NOT_HANDSHAKING, FINISHED
                    return;
            }
        }
    }

    /** The engine's delegated tasks, in the executor; the task waits for them without blocking the loop. */
    @Async
    private void runDelegatedTasks() {
        flags = (flags & ~NEED_TASK) | TASKS_RUNNING;
        try {
            Coro.await(BlockingCalls.run(executor, () -> {
                for (Runnable t; (t = engine.getDelegatedTask()) != null; ) {
                    t.run();
                }
                return null;
            }));
        } finally {
            flags &= ~TASKS_RUNNING;
        }
    }

    /** The handshake failed: the engine's alert is sent, the connection closed, and the error named. */
    private IOException handshakeFailed(SSLException e) {
        sendAlert();
        state = CLOSED;
        failure = TlsErrors.handshake(e, peer(), client);
        return failure;
    }

    /** After an engine failure: the alert it has to send, if any, goes out before the socket closes. */
    private void sendAlert() {
        try {
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
            }
        } catch (IOException | RuntimeException ignored) {
            // the alert is a courtesy: the connection closes either way
        }
        plain.close();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    // ------------------------------------------------------------------------------------------------
    // Reading
    // ------------------------------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (failure != null) {
            throw failed();
        }
        while (true) {
            if (records.hasPlaintext()) {
                return records.takePlaintext(dst);
            }
            if ((flags & INBOUND_DONE) != 0 || state == CLOSED || plain.isClosing()) {
                if (plain.failure() != null) {
                    plain.read(dst); // throws it
                }
                return -1;
            }
            if (state == HANDSHAKING || (flags & (NEED_TASK | TASKS_RUNNING)) != 0) {
                return 0; // awaitReadable runs the tasks; the handshake's own task reads during a handshake
            }
            boolean unwrapped;
            try {
                unwrapped = unwrap();
            } catch (SSLException e) {
                throw recordFailed(e);
            }
            if (unwrapped) {
                continue;
            }
            int n = records.readCiphertext();
            if (n == 0) {
                return 0;
            }
            if (n < 0) {
                flags |= INBOUND_DONE; // the end of stream without close_notify: an end all the same, as asyncio has it
            }
        }
    }

    @Async
    @Override
    public void awaitReadable() throws IOException {
        if (state == HANDSHAKING) {
            if (handshakeWaiters == null) {
                handshakeWaiters = new WaitList(() -> "for the TLS handshake with " + peer() + " to read from it");
            }
            handshakeWaiters.await(Sockets.current(loop(), "io.coro4j.net.StreamReader.read"));
            return;
        }
        if ((flags & NEED_TASK) != 0) {
            runDelegatedTasks();
            flushHeld();
            return;
        }
        if (records.hasPlaintext() || (flags & INBOUND_DONE) != 0 || state != OPEN) {
            return;
        }
        plain.awaitReadable();
    }

    @Override
    public boolean readerWaiting() {
        if (state == HANDSHAKING) {
            return handshakeWaiters != null && !handshakeWaiters.isEmpty(); // the plain one's is the handshake's
        }
        return plain.readerWaiting() || (flags & TASKS_RUNNING) != 0;
    }

    /**
     * Unwraps one record of what was read: true when it did something (plaintext to read, a handshake or
     * closing record consumed), false when more ciphertext is needed. Notes what the engine asks for next.
     */
    private boolean unwrap() throws IOException {
        SSLEngineResult r = records.unwrap();
        if (r == null) {
            return false;
        }
        switch (r.getHandshakeStatus()) {
            case NEED_TASK:
                flags |= NEED_TASK;
                break;
            case NEED_WRAP:
                queueWrap();
                break;
            case FINISHED:
                flushHeld(); // a renegotiation ended
                break;
            default:
                break;
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            flags |= INBOUND_DONE;
            return true;
        }
        return r.getStatus() == SSLEngineResult.Status.OK && (r.bytesConsumed() > 0 || r.bytesProduced() > 0);
    }

    /** A wrap the engine asks for after an unwrap, queued: see the class comment. */
    private void queueWrap() {
        if ((flags & WRAP_QUEUED) == 0 && state != HANDSHAKING) {
            flags |= WRAP_QUEUED;
            loop().callSoon(this);
        }
    }

    /** The wrap an unwrap asked for (a close_notify reply, a key update, a renegotiation's message). */
    @Override
    public void run() {
        flags &= ~WRAP_QUEUED;
        if (state == CLOSED || plain.isClosed()) {
            return;
        }
        try {
            while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                if (wrap(EMPTY).bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            recordFailed(e);
        } catch (IOException e) {
            // the plain transport failed: it says so itself
        }
    }

    /** A record failed after the handshake: the connection fails, naming the peer. */
    private IOException recordFailed(SSLException e) {
        if (failure == null) {
            failure = TlsErrors.connection(e, peer());
        }
        sendAlert();
        state = CLOSED;
        return failed();
    }

    private IOException failed() {
        IOException thrown = failure instanceof SocketTimeoutException ? new SocketTimeoutException(failure.getMessage())
                : failure instanceof javax.net.ssl.SSLHandshakeException
                ? new javax.net.ssl.SSLHandshakeException(failure.getMessage()) : new SSLException(failure.getMessage());
        thrown.initCause(failure.getCause());
        return thrown;
    }

    // ------------------------------------------------------------------------------------------------
    // Writing
    // ------------------------------------------------------------------------------------------------

    @Override
    public void write(byte[] data, int offset, int length) {
        write(ByteBuffer.wrap(data, offset, length));
    }

    @Override
    public void write(ByteBuffer data) {
        if (!data.hasRemaining() || state == CLOSED || plain.isClosing()) {
            data.position(data.limit());
            return;
        }
        if (state == HANDSHAKING || held != null) {
            hold(data);
            return;
        }
        try {
            while (data.hasRemaining()) {
                if (wrap(data).bytesConsumed() == 0 && data.hasRemaining()) {
                    hold(data); // a renegotiation: the rest waits for its end
                    return;
                }
            }
        } catch (SSLException e) {
            recordFailed(e);
            data.position(data.limit());
        } catch (IOException e) {
            data.position(data.limit()); // the plain transport failed and says so itself
        }
    }

    /** Wraps what the engine takes of {@code src} into records for the plain transport; notes a task asked for. */
    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        SSLEngineResult r = records.wrap(src);
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK && state != HANDSHAKING) {
            flags |= NEED_TASK;
        }
        return r;
    }

    /** Keeps a copy of {@code data}'s remaining bytes, to wrap when the handshake is done. */
    private void hold(ByteBuffer data) {
        int n = data.remaining();
        if (held == null) {
            held = new byte[Math.max(n, 1024)];
        } else if (held.length - heldSize < n) {
            held = java.util.Arrays.copyOf(held, Math.max(heldSize + n, 2 * held.length));
        }
        data.get(held, heldSize, n);
        heldSize += n;
    }

    /** Wraps what was held back during a handshake. */
    private void flushHeld() {
        if (held == null || state != OPEN
                || engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            return;
        }
        ByteBuffer data = ByteBuffer.wrap(held, 0, heldSize);
        held = null;
        heldSize = 0;
        write(data);
    }

    @Override
    public int writeBufferSize() {
        return plain.writeBufferSize() + heldSize;
    }

    @Override
    public int highWater() {
        return plain.highWater();
    }

    @Override
    public int lowWater() {
        return plain.lowWater();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        plain.setWriteBufferLimits(high, low);
    }

    @Async
    @Override
    public void awaitDrained() throws IOException {
        if (failure != null) {
            throw failed();
        }
        plain.awaitDrained();
    }

    /** False: TLS has no half-close (asyncio's {@code can_write_eof()} is false over SSL too). */
    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("a TLS connection cannot end its stream alone: close it instead");
    }

    // ------------------------------------------------------------------------------------------------
    // Life
    // ------------------------------------------------------------------------------------------------

    @Override
    public boolean isClosing() {
        return state == CLOSED || plain.isClosing();
    }

    @Override
    public boolean isClosed() {
        return plain.isClosed();
    }

    /**
     * Sends close_notify after what was written, then closes the plain transport once its buffer is sent.
     * The peer's close_notify is not waited for (TLS 1.3 lets a side close so; asyncio waits for it, up to
     * its shutdown timeout).
     */
    @Override
    public void close() {
        if (state == CLOSED) {
            return;
        }
        boolean open = state == OPEN;
        state = CLOSED;
        if (open && !plain.isClosing()) {
            if (held != null) {
                state = OPEN;
                flushHeld();
                state = CLOSED;
            }
            engine.closeOutbound();
            try {
                while (!engine.isOutboundDone()) {
                    if (wrap(EMPTY).bytesProduced() == 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                // close_notify is a courtesy once the connection fails
            }
        }
        plain.close();
    }

    @Override
    public void abort() {
        state = CLOSED;
        held = null;
        heldSize = 0;
        plain.abort();
    }

    @Async
    @Override
    public void awaitClosed() throws IOException {
        plain.awaitClosed();
        if (failure != null) {
            throw failed();
        }
    }

    @Override
    public IOException failure() {
        return failure != null ? failure : plain.failure();
    }

    // ------------------------------------------------------------------------------------------------
    // The rest
    // ------------------------------------------------------------------------------------------------

    @Override
    public LoopCore loop() {
        return plain.loop();
    }

    @Override
    public String peer() {
        return plain.peer();
    }

    @Override
    public ByteBuffer scratch() {
        return plain.scratch();
    }

    /**
     * The plain transport's names, and asyncio's for TLS: {@code "sslcontext"} (the {@link SSLContext}),
     * {@code "peercert"} (the peer's {@code X509Certificate}, null when it showed none),
     * {@code "cipher"} (the cipher suite's name), {@code "protocol"} ({@code TLSv1.3}), and
     * {@code "sslsession"} (the {@link SSLSession}; asyncio's {@code "ssl_object"}).
     */
    @Override
    public Object extraInfo(String name) {
        switch (name) {
            case "sslcontext":
                return context;
            case "sslsession":
                return engine.getSession();
            case "cipher":
                return state == HANDSHAKING ? null : engine.getSession().getCipherSuite();
            case "protocol":
                return state == HANDSHAKING ? null : engine.getSession().getProtocol();
            case "peercert":
                try {
                    return engine.getSession().getPeerCertificates()[0];
                } catch (SSLPeerUnverifiedException e) {
                    return null;
                }
            default:
                return plain.extraInfo(name);
        }
    }

    @Override
    public void setListener(TransportListener listener) {
        plain.setListener(listener);
    }

    @Override
    public String toString() {
        return "TlsTransport[" + plain + ", " + (state == HANDSHAKING ? "handshaking" : state == OPEN ? "open" : "closed")
                + (heldSize > 0 ? ", " + heldSize + " bytes held" : "") + "]";
    }

}
