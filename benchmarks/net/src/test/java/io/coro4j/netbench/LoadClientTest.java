package io.coro4j.netbench;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The load client against the Java echo servers in this JVM, on loopback: a few hundred requests, every
 * echoed byte checked, and nothing left open (file descriptors counted before and after each test).
 */
@ExtendWith(NoDescriptorLeaks.class)
@Timeout(60)
class LoadClientTest {
    static final int BYTES = LoadClient.DEFAULT_MESSAGE_BYTES;
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /**
     * What stays open for the life of the JVM is made before any counting: Netty's first server
     * initialises the JDK's Unix-domain socket support, which opens a socket (a plain
     * {@code SocketChannel.open(UNIX)} does the same), and the first virtual thread blocked on a socket
     * makes the JDK's pollers (epoll instances).
     */
    @BeforeAll
    static void openWhatLastsTheJvmsLife() throws Exception {
        NettyEchoServer.start("127.0.0.1", 0).close();
        if (Runtime.version().feature() >= 21) {
            echoThroughVirtualThreads(10, 1);
        }
    }

    @Test
    void nettyEchoesEveryByteToOneAndTenConnections() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start("127.0.0.1", 0)) {
            for (int connections : new int[] {1, 10}) {
                try (LoadClient client = LoadClient.open(address(server.port()), connections, BYTES, TIMEOUT)) {
                    assertAllEchoed(client.requests(300, TIMEOUT), connections, 300);
                }
            }
        }
    }

    @Test
    void virtualThreadServerEchoesEveryByte() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        echoThroughVirtualThreads(300, 1, 10);
    }

    /** {@code requests} through each of {@code connectionCounts} connections, one count after the other. */
    private static void echoThroughVirtualThreads(int requests, int... connectionCounts) throws Exception {
        Class<?> type = Class.forName("io.coro4j.netbench.vt.VirtualThreadEchoServer");
        Method start = type.getMethod("start", String.class, int.class);
        try (AutoCloseable server = (AutoCloseable) start.invoke(null, "127.0.0.1", 0)) {
            int port = (int) type.getMethod("port").invoke(server);
            for (int connections : connectionCounts) {
                try (LoadClient client = LoadClient.open(address(port), connections, BYTES, TIMEOUT)) {
                    assertAllEchoed(client.requests(requests, TIMEOUT), connections, requests);
                }
            }
        }
    }

    @Test
    void closedLoopCountsOnlyTheWindowAndAllocatesNothingPerMessage() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start("127.0.0.1", 0);
             LoadClient client = LoadClient.open(address(server.port()), 4, BYTES, TIMEOUT)) {
            RunResult r = client.closedLoop(Duration.ofMillis(300), Duration.ofMillis(700), 0, 100);
            assertEquals(0, r.errors(), r.firstError());
            assertTrue(r.requests() > 0, "no echo in the window");
            assertEquals(r.requests() / 0.7, r.requestsPerSecond(), 1.0);
            // the warm-up's and the drained echoes are checked as well as the window's
            assertTrue(r.bytesChecked() > r.requests() * BYTES, r.summary());
            assertTrue(r.p50Micros() > 0 && r.p50Micros() <= r.p99Micros() && r.p99Micros() <= r.maxMicros(),
                    r.summary());
            assertTrue(r.clientBytesPerRequest() < 8, "the client allocates per message: " + r.summary());
            assertTrue(r.clientThreadCpu() > 0 && r.clientThreadCpu() < 1.5, r.summary());
        }
    }

    @Test
    void idleConnectionsEachGetOneEchoAndThenWait() throws Exception {
        try (NettyEchoServer server = NettyEchoServer.start("127.0.0.1", 0);
             LoadClient client = LoadClient.open(address(server.port()), 300, BYTES, TIMEOUT)) {
            client.echoOnceEach(TIMEOUT);
            // and they still work: each connection echoes again
            assertAllEchoed(client.requests(300, TIMEOUT), 300, 300);
        }
    }

    @Test
    void aWrongEchoedByteIsAnErrorNamingItsPlace() throws Exception {
        // echoes faithfully, except byte 100 of the third message
        try (FaultyServer server = new FaultyServer(2L * BYTES + 100, Long.MAX_VALUE);
             LoadClient client = LoadClient.open(address(server.port()), 1, BYTES, TIMEOUT)) {
            IOException e = assertThrows(IOException.class, () -> client.requests(10, TIMEOUT));
            assertTrue(e.getMessage().contains("only 2 of 10 echoes came back"), e.getMessage());
            assertTrue(e.getMessage().contains("message 3: echoed byte 100 of 1024"), e.getMessage());
        }
    }

    @Test
    void aServerThatClosesMidEchoIsAnError() throws Exception {
        try (FaultyServer server = new FaultyServer(Long.MAX_VALUE, BYTES + 500L);
             LoadClient client = LoadClient.open(address(server.port()), 1, BYTES, TIMEOUT)) {
            IOException e = assertThrows(IOException.class, () -> client.requests(5, TIMEOUT));
            assertTrue(e.getMessage().contains("closed the connection after 500 of 1024 bytes of message 2"),
                    e.getMessage());
        }
    }

    @Test
    void aServerThatIsNotThereFailsTheOpenWithNothingLeftOpen() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> LoadClient.open(address(port), 20, BYTES, TIMEOUT));
        assertTrue(e.getMessage().contains("cannot connect to"), e.getMessage());
    }

    static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    static void assertAllEchoed(RunResult r, int connections, long requests) {
        assertEquals(0, r.errors(), r.firstError());
        assertNull(r.firstError());
        assertEquals(connections, r.connections());
        assertEquals(requests, r.requests());
        assertEquals(requests * BYTES, r.bytesChecked());
    }

    /**
     * One connection at a time on a platform thread: echoes each byte, but flips the byte at stream
     * offset {@code flipAt} and ends its side of the connection at offset {@code closeAt}.
     */
    static final class FaultyServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread thread;

        FaultyServer(long flipAt, long closeAt) throws IOException {
            thread = new Thread(() -> serve(flipAt, closeAt), "faulty-echo");
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve(long flipAt, long closeAt) {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buffer = new byte[4096];
                    long offset = 0;
                    for (int n; (n = in.read(buffer)) > 0; offset += n) {
                        if (flipAt >= offset && flipAt < offset + n) {
                            buffer[(int) (flipAt - offset)] ^= 0x5a;
                        }
                        out.write(buffer, 0, (int) Math.min(n, Math.max(0, closeAt - offset)));
                        if (offset + n >= closeAt) {
                            // end the echo with a FIN (not a reset), then wait for the client to go
                            s.shutdownOutput();
                            while (in.read(buffer) >= 0) {
                                // discard
                            }
                            break;
                        }
                    }
                } catch (IOException e) {
                    // the listener closed, or the client went away: next connection, or the end
                }
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
