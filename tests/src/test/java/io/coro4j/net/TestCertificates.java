package io.coro4j.net;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Self-signed certificates for the TLS tests, made with the JDK alone: an EC P-256 key pair, and an X.509
 * v3 certificate written in DER by the small encoder below and signed with {@link Signature}
 * ({@code SHA256withECDSA}), then parsed back by {@link CertificateFactory} (which checks the encoding). No
 * file, no keytool, no internal JDK class ({@code sun.security.x509} would need {@code --add-exports}).
 * The certificate names {@code localhost}, 127.0.0.1 and ::1 (its subject alternative names), so a client
 * that checks the host name accepts it on loopback.
 */
final class TestCertificates {
    private TestCertificates() {}

    /** A key pair and its self-signed certificate. */
    record Identity(KeyPair keys, X509Certificate certificate) {
        /** A server's (or client's) context that shows this certificate and trusts only {@code trusted}. */
        SSLContext context(X509Certificate... trusted) throws Exception {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            char[] password = "test".toCharArray();
            keyStore.setKeyEntry("key", keys.getPrivate(), password, new java.security.cert.Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), trustManagers(trusted).getTrustManagers(), new SecureRandom());
            return context;
        }
    }

    /** A client's context that trusts only {@code trusted} and shows no certificate. */
    static SSLContext trusting(X509Certificate... trusted) throws Exception {
        return trusting("TLS", trusted);
    }

    /** {@link #trusting(X509Certificate...)} for {@code protocol} ({@code "TLSv1.2"}: that and older only). */
    static SSLContext trusting(String protocol, X509Certificate... trusted) throws Exception {
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, trustManagers(trusted).getTrustManagers(), new SecureRandom());
        return context;
    }

    private static TrustManagerFactory trustManagers(X509Certificate... trusted) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            trustStore.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        return tmf;
    }

    /** A new key pair and a certificate for {@code commonName}, valid from an hour ago for a day. */
    static Identity selfSigned(String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] ecdsaWithSha256 = seq(oid(1, 2, 840, 10045, 4, 3, 2));
        byte[] name = seq(set(seq(oid(2, 5, 4, 3), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] subjectAltNames = seq(
                tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)), // [2] dNSName
                tlv(0x87, InetAddress.getByName("127.0.0.1").getAddress()), // [7] iPAddress
                tlv(0x87, InetAddress.getByName("::1").getAddress()));
        byte[] extensions = tlv(0xA3, seq(seq(oid(2, 5, 29, 17), tlv(0x04, subjectAltNames))));
        byte[] tbs = seq(
                tlv(0xA0, integer(BigInteger.TWO)), // version: v3
                integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                ecdsaWithSha256,
                name,
                seq(utcTime(now.minusHours(1)), utcTime(now.plusDays(1))),
                name,
                keys.getPublic().getEncoded(), // SubjectPublicKeyInfo, DER already
                extensions);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1]; // no unused bits
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = seq(tbs, ecdsaWithSha256, tlv(0x03, bitString));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        certificate.verify(keys.getPublic()); // the signature is right, or this throws
        return new Identity(keys, certificate);
    }

    // ---- a DER encoder: just what a certificate needs

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray()); // two's complement, minimal: DER's form
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int groups = Math.max(1, (32 - Integer.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write(((arc >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] utcTime(ZonedDateTime t) {
        return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(t).getBytes(StandardCharsets.US_ASCII));
    }
}
