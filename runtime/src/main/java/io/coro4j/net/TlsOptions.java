package io.coro4j.net;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How a connection speaks TLS (asyncio's {@code ssl}, {@code server_hostname} and
 * {@code ssl_handshake_timeout} arguments), as an immutable value: {@link StreamOptions#tls} puts it on
 * {@link Streams#openConnection} and {@link Streams#startServer}, and {@link StreamWriter#startTls}
 * upgrades an open connection with it. Each {@code with}-style method returns a copy with one option
 * changed.
 *
 * <pre>{@code
 * TlsOptions tls = TlsOptions.of(sslContext).serverHostname("example.org").handshakeTimeout(Duration.ofSeconds(10));
 * Connection c = Streams.openConnection("example.org", 443, StreamOptions.defaults().tls(tls));
 * }</pre>
 *
 * <p>Whether a connection is the TLS client or the server follows from how it was made, as in asyncio: a
 * connection from {@code openConnection} is the client, one accepted by a server is the server. The
 * {@link SSLContext} decides the rest: its key managers (the certificate this side shows), its trust
 * managers (which certificates of the peer it accepts), protocols and cipher suites
 * ({@link SSLContext#getDefaultSSLParameters()}).
 */
public final class TlsOptions {
    /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}: 60 seconds. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    private final SSLContext context;
    private final String serverHostname;
    private final boolean checkHostname;
    private final Duration handshakeTimeout;
    private final Executor executor;

    private TlsOptions(SSLContext context, String serverHostname, boolean checkHostname, Duration handshakeTimeout,
            Executor executor) {
        this.context = context;
        this.serverHostname = serverHostname;
        this.checkHostname = checkHostname;
        this.handshakeTimeout = handshakeTimeout;
        this.executor = executor;
    }

    /**
     * TLS with {@code context}, a 60-second handshake timeout, the peer's host name checked against its
     * certificate (a client's), and the engine's slow work in the default executor.
     */
    public static TlsOptions of(SSLContext context) {
        return new TlsOptions(Objects.requireNonNull(context, "context"), null, true, DEFAULT_HANDSHAKE_TIMEOUT, null);
    }

    /**
     * The host name a client expects in the server's certificate, and sends in its hello (SNI); null (the
     * default): the host given to {@code openConnection}. asyncio's {@code server_hostname}. A server
     * ignores it.
     */
    public TlsOptions serverHostname(String hostname) {
        return new TlsOptions(context, hostname, checkHostname, handshakeTimeout, executor);
    }

    /**
     * Whether a client checks that the server's certificate names the host it connected to (on by
     * default, as asyncio's default context sets {@code check_hostname}); the certificate itself is always
     * checked by the context's trust managers. A server ignores it.
     */
    public TlsOptions checkHostname(boolean on) {
        return new TlsOptions(context, serverHostname, on, handshakeTimeout, executor);
    }

    /**
     * How long the handshake may take before the connection is aborted (asyncio's
     * {@code ssl_handshake_timeout}, 60 seconds by default); null: no limit.
     *
     * @throws IllegalArgumentException when zero or negative
     */
    public TlsOptions handshakeTimeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("the handshake timeout must be positive, not " + timeout);
        }
        return new TlsOptions(context, serverHostname, checkHostname, timeout, executor);
    }

    /**
     * Where the engine's delegated tasks run (certificate checks, key exchange: the slow parts of a
     * handshake, kept off the loop); null (the default): the default executor of {@code Coro.toThread}.
     */
    public TlsOptions executor(Executor executor) {
        return new TlsOptions(context, serverHostname, checkHostname, handshakeTimeout, executor);
    }

    public SSLContext context() {
        return context;
    }

    public String serverHostname() {
        return serverHostname;
    }

    public boolean checkHostname() {
        return checkHostname;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Executor executor() {
        return executor;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TlsOptions)) {
            return false;
        }
        TlsOptions that = (TlsOptions) o;
        return context == that.context && Objects.equals(serverHostname, that.serverHostname)
                && checkHostname == that.checkHostname && Objects.equals(handshakeTimeout, that.handshakeTimeout)
                && executor == that.executor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(context), serverHostname, checkHostname, handshakeTimeout,
                System.identityHashCode(executor));
    }

    @Override
    public String toString() {
        return "TlsOptions[" + context.getProtocol() + (serverHostname != null ? ", serverHostname=" + serverHostname : "")
                + (checkHostname ? "" : ", checkHostname=false") + ", handshakeTimeout=" + handshakeTimeout + "]";
    }
}
