package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import io.coro4j.sync.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS over the streams ({@link StreamOptions#tls}, {@link StreamWriter#startTls}): echo of payloads that
 * span many records, readline and readexactly, a cancelled read, the handshake timeout, a rejected
 * certificate, STARTTLS, close_notify; certificates made by {@link TestCertificates} (the JDK alone).
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class TlsTest extends StepRecorder {
    private static TestCertificates.Identity serverIdentity;
    private static SSLContext serverContext;
    private static SSLContext clientContext;

    @BeforeAll
    static void certificates() throws Exception {
        serverIdentity = TestCertificates.selfSigned("coro4j test server");
        serverContext = serverIdentity.context();
        clientContext = TestCertificates.trusting(serverIdentity.certificate());
    }

    private static StreamOptions serverOptions() {
        return StreamOptions.defaults().tls(serverContext);
    }

    private static StreamOptions clientOptions() {
        return StreamOptions.defaults().tls(clientContext);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Waits up to {@code limit} for {@code server} to have no connection left, then asserts it has none. */
    @Async
    private static void assertNoConnectionsWithin(Duration limit, Server server, String why) {
        for (int i = 0; i < limit.toMillis() / 20 && server.connectionCount() > 0; i++) {
            Coro.sleep(ms(20));
        }
        assertEquals(0, server.connectionCount(), why);
    }

    /** Echoes what comes until the end of the stream (the peer's close_notify), then closes. */
    @Async
    static void echo(StreamReader reader, StreamWriter writer) throws Exception {
        for (byte[] chunk; (chunk = reader.read(64 * 1024)).length > 0; ) {
            writer.write(chunk);
            writer.drain();
        }
        writer.close();
    }

    @Test
    void echoesPayloadsOfManyRecordsBothWaysAtOnce() {
        Coro.run(() -> {
            Server server = Streams.startServer(TlsTest::echo, "127.0.0.1", 0, serverOptions());
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port(), clientOptions());
                byte[] payload = new byte[3 * 1024 * 1024 + 12345]; // about 200 records of 16 KiB
                new Random(42).nextBytes(payload);
                Task<Void> sending = Coro.createTask(() -> {
                    for (int at = 0; at < payload.length; at += 100_000) {
                        c.writer().write(payload, at, Math.min(100_000, payload.length - at));
                        c.writer().drain();
                    }
                });
                byte[] back = c.reader().readexactly(payload.length);
                sending.join();
                assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(payload),
                        MessageDigest.getInstance("SHA-256").digest(back));
                c.writer().close(); // close_notify: the server reads the end of its stream and closes too
                assertEquals(0, c.reader().read(100).length, "the server's close_notify ends the client's stream");
                assertTrue(c.reader().atEof());
                c.writer().waitClosed();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void readlineReadexactlyAndReaduntilOverTls() {
        Coro.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                writer.write("first line\nsecond");
                writer.drain();
                Coro.sleep(ms(20)); // the rest of the line in a later record
                writer.write(" line\n");
                byte[] block = new byte[40_000];
                Arrays.fill(block, (byte) 'b');
                writer.write(block);
                writer.write("a<END>tail");
                writer.drain();
                writer.close();
            }, "127.0.0.1", 0, serverOptions());
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port(), clientOptions());
                assertEquals("first line\n", text(c.reader().readline()));
                assertEquals("second line\n", text(c.reader().readline()));
                byte[] block = c.reader().readexactly(40_000);
                assertEquals(40_000, block.length);
                assertTrue(text(block).chars().allMatch(ch -> ch == 'b'));
                assertEquals("a<END>", text(c.reader().readuntil(bytes("<END>"))));
                IncompleteReadException e = assertThrowsAsync(IncompleteReadException.class,
                        () -> c.reader().readexactly(10));
                assertEquals("tail", text(e.partial()));
                assertTrue(c.reader().atEof());
                c.writer().close();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void extraInfoNamesTheContextTheCipherAndThePeersCertificateAndWriteEofIsRefused() {
        Coro.run(() -> {
            Object[] serverSaw = new Object[2];
            Server server = Streams.startServer((reader, writer) -> {
                serverSaw[0] = writer.getExtraInfo("peercert");
                serverSaw[1] = writer.getExtraInfo("cipher");
                echo(reader, writer);
            }, "127.0.0.1", 0, serverOptions());
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port(), clientOptions());
                StreamWriter w = c.writer();
                assertTrue(w.getExtraInfo("sslcontext") == clientContext);
                assertEquals(serverIdentity.certificate(), w.getExtraInfo("peercert"));
                assertTrue(((String) w.getExtraInfo("cipher")).startsWith("TLS_"), "cipher: " + w.getExtraInfo("cipher"));
                assertTrue(((String) w.getExtraInfo("protocol")).startsWith("TLSv1."));
                assertNotNull(w.getExtraInfo("sslsession"));
                assertNotNull(w.getExtraInfo("peername"), "the plain transport's names are still there");
                assertFalse(w.canWriteEof());
                assertThrows(UnsupportedOperationException.class, w::writeEof);
                w.write("ping");
                assertEquals("ping", text(c.reader().readexactly(4)));
                assertNull(serverSaw[0], "the client showed no certificate");
                assertEquals(w.getExtraInfo("cipher"), serverSaw[1]);
                w.close();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void aCancelledReadLosesNoByte() {
        Coro.run(() -> {
            Event half = new Event();
            Event rest = new Event();
            byte[] data = new byte[100_000];
            new Random(7).nextBytes(data);
            Server server = Streams.startServer((reader, writer) -> {
                writer.write(data, 0, 50_000);
                writer.drain();
                half.set();
                rest.await();
                writer.write(data, 50_000, 50_000);
                writer.drain();
                reader.read(-1);
            }, "127.0.0.1", 0, serverOptions());
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port(), clientOptions());
                Task<byte[]> reading = Coro.createTask(() -> c.reader().readexactly(100_000));
                half.await();
                Coro.sleep(ms(50)); // the first half reaches the reader, which waits for the rest
                assertFalse(reading.isDone());
                reading.cancel();
                assertThrowsAsync(CancellationException.class, reading::join);
                rest.set();
                assertArrayEquals(data, c.reader().readexactly(100_000), "every byte, in order");
                c.writer().close();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void theHandshakeTimesOutAgainstAServerThatNeverAnswers() {
        Coro.run(() -> {
            Server silent = Streams.startServer((reader, writer) -> reader.read(-1), "127.0.0.1", 0);
            try {
                long start = System.nanoTime();
                SocketTimeoutException e = assertThrowsAsync(SocketTimeoutException.class,
                        () -> Streams.openConnection("127.0.0.1", silent.port(), StreamOptions.defaults()
                                .tls(TlsOptions.of(clientContext).handshakeTimeout(ms(300)))));
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMillis >= 250 && tookMillis < 10_000, "took " + tookMillis + " ms");
                assertTrue(e.getMessage().startsWith("the TLS handshake with 127.0.0.1:" + silent.port()
                        + " took longer than 300 ms"), e.getMessage());
                Coro.sleep(ms(50));
                assertEquals(0, silent.connectionCount(), "the client's socket was closed: the server saw it go");
            } finally {
                silent.close();
                silent.waitClosed();
            }
        });
    }

    @Test
    void aTimeoutAroundOpenConnectionCancelsTheHandshakeAndLeavesNoSocketOpen() {
        Coro.run(() -> {
            Server silent = Streams.startServer((reader, writer) -> reader.read(-1), "127.0.0.1", 0);
            try {
                assertThrowsAsync(java.util.concurrent.TimeoutException.class, () -> Coro.withTimeout(ms(200),
                        () -> Streams.openConnection("127.0.0.1", silent.port(), clientOptions())));
                assertNoConnectionsWithin(Duration.ofSeconds(1), silent,
                        "the client's socket was closed by the cancel");
            } finally {
                silent.close();
                silent.waitClosed();
            }
        });
    }

    @Test
    void theEnginesDelegatedTasksRunInTheExecutorNeverOnTheLoop() {
        Coro.run(() -> {
            Thread loopThread = Thread.currentThread();
            java.util.Set<Thread> ranOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.Executor recording = task -> {
                Thread t = new Thread(() -> {
                    ranOn.add(Thread.currentThread());
                    task.run();
                }, "tls-test-executor");
                t.start();
            };
            Server server = Streams.startServer(TlsTest::echo, "127.0.0.1", 0,
                    StreamOptions.defaults().tls(TlsOptions.of(serverContext).executor(recording)));
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port(),
                        StreamOptions.defaults().tls(TlsOptions.of(clientContext).executor(recording)));
                c.writer().write("x");
                assertEquals("x", text(c.reader().readexactly(1)));
                assertFalse(ranOn.isEmpty(), "the handshakes delegated work (certificate checks, key exchange)");
                assertFalse(ranOn.contains(loopThread));
                c.writer().close();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void aServerClosesAClientThatNeverStartsItsHandshakeWithoutRunningTheHandler() {
        Coro.run(() -> {
            AtomicInteger handled = new AtomicInteger();
            Server server = Streams.startServer((reader, writer) -> handled.incrementAndGet(), "127.0.0.1", 0,
                    StreamOptions.defaults().tls(TlsOptions.of(serverContext).handshakeTimeout(ms(200))));
            try {
                Connection plain = Streams.openConnection("127.0.0.1", server.port()); // says nothing
                Coro.sleep(ms(50));
                assertEquals(1, server.connectionCount());
                assertEquals(0, plain.reader().read(100).length, "the server closed it after its timeout");
                assertEquals(0, server.connectionCount());
                assertEquals(0, handled.get());
                plain.writer().close();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void aClientRejectsACertificateItDoesNotTrustAndTheServerNeverRunsItsHandler() {
        Coro.run(() -> {
            AtomicInteger handled = new AtomicInteger();
            Server server = Streams.startServer((reader, writer) -> handled.incrementAndGet(), "127.0.0.1", 0,
                    serverOptions());
            try {
                X509Certificate stranger = TestCertificates.selfSigned("someone else").certificate();
                SSLHandshakeException e = assertThrowsAsync(SSLHandshakeException.class,
                        () -> Streams.openConnection("127.0.0.1", server.port(),
                                StreamOptions.defaults().tls(TestCertificates.trusting(stranger))));
                assertTrue(e.getMessage().startsWith("the TLS handshake with 127.0.0.1:" + server.port()
                        + " failed: this side rejected the server's certificate"), e.getMessage());
                assertNotNull(e.getCause(), "the JDK's own exception is the cause");
                assertNoConnectionsWithin(Duration.ofSeconds(1), server,
                        "the server closed its side after the client's alert");
                assertEquals(0, handled.get());
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void aClientRejectsACertificateForAnotherHostUnlessTheCheckIsOff() {
        Coro.run(() -> {
            Server server = Streams.startServer(TlsTest::echo, "127.0.0.1", 0, serverOptions());
            try {
                SSLHandshakeException e = assertThrowsAsync(SSLHandshakeException.class,
                        () -> Streams.openConnection("127.0.0.1", server.port(), StreamOptions.defaults()
                                .tls(TlsOptions.of(clientContext).serverHostname("example.org"))));
                assertTrue(e.getMessage().contains("this side rejected the server's certificate"), e.getMessage());
                Connection c = Streams.openConnection("127.0.0.1", server.port(), StreamOptions.defaults()
                        .tls(TlsOptions.of(clientContext).serverHostname("example.org").checkHostname(false)));
                c.writer().write("hello");
                assertEquals("hello", text(c.reader().readexactly(5)));
                c.writer().close();
                c.writer().waitClosed();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void startTlsUpgradesAPlainConnectionOnBothSides() {
        Coro.run(() -> {
            Object[] serverCipher = new Object[1];
            Server server = Streams.startServer((reader, writer) -> {
                assertEquals("STARTTLS\n", text(reader.readline()));
                writer.write("GO AHEAD\n");
                writer.startTls(serverContext);
                serverCipher[0] = writer.getExtraInfo("cipher");
                echo(reader, writer);
            }, "127.0.0.1", 0);
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port());
                assertNull(c.writer().getExtraInfo("cipher"));
                c.writer().write("STARTTLS\n");
                assertEquals("GO AHEAD\n", text(c.reader().readline()));
                c.writer().startTls(clientContext);
                assertEquals(serverIdentity.certificate(), c.writer().getExtraInfo("peercert"));
                c.writer().write("secret\n");
                assertEquals("secret\n", text(c.reader().readline()));
                assertEquals(c.writer().getExtraInfo("cipher"), serverCipher[0]);
                IllegalStateException twice = assertThrowsAsync(IllegalStateException.class,
                        () -> c.writer().startTls(clientContext));
                assertTrue(twice.getMessage().contains("speaks TLS already"), twice.getMessage());
                c.writer().close();
                assertEquals(0, c.reader().read(10).length);
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void aReadDuringStartTlsWaitsForTheHandshakeAndReadsPlaintext() {
        Coro.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                assertEquals("STARTTLS\n", text(reader.readline()));
                Task<byte[]> early = Coro.createTask(reader::readline); // starts reading while the handshake runs
                writer.startTls(serverContext);
                assertEquals("after\n", text(early.join()));
                writer.write("done\n");
                echo(reader, writer);
            }, "127.0.0.1", 0);
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port());
                c.writer().write("STARTTLS\n");
                c.writer().startTls(clientContext);
                c.writer().write("after\n");
                assertEquals("done\n", text(c.reader().readline()));
                c.writer().close();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void tls12EchoesAndClosesWithTheEnginesCloseNotifyReply() {
        Coro.run(() -> {
            Server server = Streams.startServer(TlsTest::echo, "127.0.0.1", 0, serverOptions());
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port(), StreamOptions.defaults()
                        .tls(TestCertificates.trusting("TLSv1.2", serverIdentity.certificate())));
                assertEquals("TLSv1.2", c.writer().getExtraInfo("protocol"));
                byte[] payload = new byte[200_000];
                new Random(3).nextBytes(payload);
                c.writer().write(payload);
                assertArrayEquals(payload, c.reader().readexactly(payload.length));
                c.writer().close();
                c.writer().waitClosed();
                assertNoConnectionsWithin(Duration.ofSeconds(1), server, "the server read the close_notify and closed");
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void tlsOverIpv6LoopbackChecksTheAddressInTheCertificate() {
        Coro.run(() -> {
            Server server = Streams.startServer(TlsTest::echo, "::1", 0, serverOptions());
            try {
                Connection c = Streams.openConnection("::1", server.port(), clientOptions());
                c.writer().write("six\n");
                assertEquals("six\n", text(c.reader().readline()));
                c.writer().close();
                c.writer().waitClosed();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void theLoopsCloseClosesTlsConnectionsLeftOpen() {
        java.nio.channels.SocketChannel[] client = new java.nio.channels.SocketChannel[1];
        Coro.run(() -> {
            Server server = Streams.startServer((reader, writer) -> reader.read(-1), "127.0.0.1", 0, serverOptions());
            Connection c = Streams.openConnection("127.0.0.1", server.port(), clientOptions());
            c.writer().write("never read");
            client[0] = (java.nio.channels.SocketChannel) c.writer().getExtraInfo("socket");
        }); // the server, its connection and the client's are still open here: the loop's close closes them
        assertFalse(client[0].isOpen());
    }

    @Test
    void startTlsTakesTheHandshakeBytesTheReaderHadReadPastItsLine() {
        Coro.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                Coro.sleep(ms(100)); // the line and the client's hello arrive together: readline reads both
                assertEquals("STARTTLS\n", text(reader.readline()));
                writer.startTls(TlsOptions.of(serverContext).handshakeTimeout(Duration.ofSeconds(5)));
                echo(reader, writer);
            }, "127.0.0.1", 0);
            try {
                Connection c = Streams.openConnection("127.0.0.1", server.port());
                c.writer().write("STARTTLS\n");
                c.writer().startTls(TlsOptions.of(clientContext).handshakeTimeout(Duration.ofSeconds(5))); // at once
                c.writer().write("over tls\n");
                assertEquals("over tls\n", text(c.reader().readline()));
                c.writer().close();
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void badInputFailsFastWithTheParametersName() {
        assertThrows(IllegalArgumentException.class, () -> TlsOptions.of(clientContext).handshakeTimeout(Duration.ZERO));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> TlsOptions.of(null));
        assertEquals("context", npe.getMessage());
        assertEquals(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT, TlsOptions.of(clientContext).handshakeTimeout());
        assertEquals(Duration.ofSeconds(60), TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT, "asyncio's default");
        assertNull(StreamOptions.defaults().tls());
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                NullPointerException e = assertThrowsAsync(NullPointerException.class,
                        () -> l.client.writer().startTls((TlsOptions) null));
                assertEquals("tls", e.getMessage());
            } finally {
                l.close();
            }
        });
    }

    @Test
    void aTlsClientAgainstAPlainServerThatAnswersGarbageFailsNamingThePeer() {
        Coro.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                writer.write("HTTP/1.1 400 Bad Request\r\n\r\n");
                writer.drain();
                reader.read(-1);
            }, "127.0.0.1", 0);
            try {
                IOException e = assertThrowsAsync(IOException.class,
                        () -> Streams.openConnection("127.0.0.1", server.port(), clientOptions()));
                assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            } finally {
                server.abortClients();
                server.close();
                server.waitClosed();
            }
        });
    }
}
