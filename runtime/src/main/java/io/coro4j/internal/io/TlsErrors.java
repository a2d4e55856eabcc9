package io.coro4j.internal.io;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

/**
 * The engine's exceptions as the user reads them: what happened, with whom, and what to check. The JDK's
 * words ("PKIX path building failed", "Received fatal alert: certificate_unknown") come last, with the
 * original as the cause.
 */
final class TlsErrors {
    private TlsErrors() {}

    /** A failed handshake with {@code peer}; {@code client} says which side this is. */
    static SSLHandshakeException handshake(SSLException e, String peer, boolean client) {
        String jdk = words(e);
        String message;
        if (certificateProblem(e)) {
            message = "the TLS handshake with " + peer + " failed: this side rejected the "
                    + (client ? "server" : "client") + "'s certificate (trust it in the SSLContext's trust managers, "
                    + (client ? "or check the host name it names; " : "") + "the JDK says: " + jdk + ")";
        } else if (jdk.contains("certificate_unknown") || jdk.contains("bad_certificate")
                || jdk.contains("unknown_ca") || jdk.contains("certificate_required")
                || jdk.contains("unsupported_certificate") || jdk.contains("certificate_expired")) {
            message = "the TLS handshake with " + peer + " failed: the " + (client ? "server" : "client")
                    + " rejected this side's certificate, or asked for one this side did not show (" + jdk + ")";
        } else {
            message = "the TLS handshake with " + peer + " failed: " + jdk;
        }
        SSLHandshakeException named = new SSLHandshakeException(message);
        named.initCause(e);
        return named;
    }

    /** A record that failed after the handshake (a bad MAC, an alert from the peer). */
    static SSLException connection(SSLException e, String peer) {
        return new SSLException("the TLS connection with " + peer + " failed: " + words(e), e);
    }

    /** Whether a certificate check of this side refused the peer's certificate. */
    private static boolean certificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException) {
                return true;
            }
            if (t instanceof GeneralSecurityException && String.valueOf(t.getMessage()).contains("PKIX")) {
                return true;
            }
        }
        return false;
    }

    private static String words(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
