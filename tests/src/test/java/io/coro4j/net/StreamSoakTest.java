package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.EventLoop;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's soak: 1,000 connections open at once to an echo server on a loop of its own (another thread),
 * each sending messages of random size from 1 B to 64 KiB and reading each echo back in full; every byte
 * sent and every byte received is hashed (CRC32C, per connection), and the hashes and byte counts must
 * agree, on both sides of each connection. Nothing may be lost or left open (descriptors counted around
 * the class; the server ends with no connection).
 *
 * <p>The full size (1,000 messages per connection, sizes uniform in 1 B..64 KiB: 1,000 x 1,000 x
 * 32 KiB, about 32.8 GB each way) cannot run in a minute on a 2-core machine. By default this test keeps
 * the 1,000 concurrent connections and the whole size range, and cuts the volume: 100 messages per
 * connection (100,000 echoes), sizes skewed small with a 64 KiB tail (1 in 32 uniform in 1 B..64 KiB, the
 * others log-uniform in 1 B..1 KiB), and per connection a first message of exactly 1 B and, for every
 * tenth connection, a last one of exactly 64 KiB. That is 100,000 messages and 130,003,612 bytes each
 * way with the default seed (the test computes the total from the seed and prints it): 3.6 s to 20 s on
 * this 2-core machine, shared with other builds (load average 8 to 10). The whole run is bounded by
 * {@code coro4j.soak.timeoutMinutes} (2 by default). The full soak runs by hand:
 *
 * <pre>
 * mvn -B -ntp -pl tests -am verify -Dtest=StreamSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcoro4j.soak.messages=1000 -Dcoro4j.soak.sizes=uniform -Dcoro4j.soak.timeoutMinutes=60
 * </pre>
 */
@ExtendWith(NoDescriptorLeaks.class)
class StreamSoakTest {
    static final int CONNECTIONS = Integer.getInteger("coro4j.soak.connections", 1000);
    static final int MESSAGES = Integer.getInteger("coro4j.soak.messages", 100);
    /** "skewed" (the default: small messages and a 64 KiB tail) or "uniform" (1 B..64 KiB, the issue's). */
    static final String SIZES = System.getProperty("coro4j.soak.sizes", "skewed");
    static final long TIMEOUT_MINUTES = Long.getLong("coro4j.soak.timeoutMinutes", 2);
    static final int MAX = 64 * 1024;
    static final long SEED = Long.getLong("coro4j.soak.seed", 20261206L);

    /** Random bytes that every message is a slice of (at an offset of its own). */
    private static final byte[] SOURCE = new byte[2 * MAX];

    static {
        new SplittableRandom(SEED).nextBytes(SOURCE);
    }

    /** One connection's sizes, from its own seed: what the client sends and what the test adds up. */
    static int[] sizes(int connection) {
        SplittableRandom random = new SplittableRandom(SEED * 31 + connection);
        int[] sizes = new int[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            if (SIZES.equals("uniform") || random.nextInt(32) == 0) {
                sizes[i] = 1 + random.nextInt(MAX);
            } else {
                sizes[i] = (int) Math.min(1024, Math.round(Math.pow(2, random.nextDouble(10.0))));
            }
        }
        sizes[0] = 1;
        if (connection % 10 == 0 && MESSAGES > 1) {
            sizes[MESSAGES - 1] = MAX;
        }
        return sizes;
    }

    /** What one side of a connection saw. */
    static final class Tally {
        long bytes;
        long hash;
    }

    @Test
    void aThousandConnectionsEchoEveryByteIntact() throws Exception {
        assertTrue(SIZES.equals("skewed") || SIZES.equals("uniform"), "coro4j.soak.sizes: skewed or uniform");
        long expectedBytes = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
            for (int size : sizes(c)) {
                expectedBytes += size;
            }
        }
        System.out.printf("StreamSoakTest: %,d connections x %,d messages (%s sizes): %,d bytes each way%n",
                CONNECTIONS, MESSAGES, SIZES, expectedBytes);

        // the server: a loop of its own, on another thread; it hashes what it echoes, per connection
        CompletableFuture<Object[]> started = new CompletableFuture<>();
        List<Tally> served = new ArrayList<>();
        CompletableFuture<Void> serverDone = new CompletableFuture<>();
        Thread serverThread = new Thread(() -> {
            try {
                Coro.run(() -> {
                    Server server = Streams.startServer((reader, writer) -> {
                        Tally tally = new Tally();
                        served.add(tally);
                        CRC32C crc = new CRC32C();
                        for (byte[] data; (data = reader.read(MAX)).length > 0; ) {
                            crc.update(data);
                            tally.bytes += data.length;
                            writer.write(data);
                            writer.drain();
                        }
                        tally.hash = crc.getValue();
                        writer.close();
                    }, "127.0.0.1", 0, StreamOptions.defaults().backlog(CONNECTIONS + 24));
                    started.complete(new Object[] {Coro.getRunningLoop(), server});
                    server.serveForever();
                    server.waitClosed();
                    assertEquals(0, server.connectionCount());
                });
                serverDone.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
                serverDone.completeExceptionally(e);
            }
        }, "soak-server");
        serverThread.start();
        Object[] s = started.get(30, TimeUnit.SECONDS);
        EventLoop serverLoop = (EventLoop) s[0];
        Server server = (Server) s[1];
        int port = serverLoop.submit(server::port).get(30, TimeUnit.SECONDS);

        long start = System.nanoTime();
        Tally[] sent = new Tally[CONNECTIONS];
        Tally[] received = new Tally[CONNECTIONS];
        try {
            Coro.run(() -> Coro.withTimeout(java.time.Duration.ofMinutes(TIMEOUT_MINUTES), () -> {
                List<Connection> connections = new ArrayList<>(CONNECTIONS);
                for (int c = 0; c < CONNECTIONS; c++) {
                    connections.add(null);
                }
                // all 1,000 open before the first message: they are open at once
                List<Task<Void>> opening = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int i = c;
                    opening.add(Coro.createTask(() -> {
                        connections.set(i, Streams.openConnection("127.0.0.1", port));
                    }));
                }
                Coro.gather(opening);
                List<Task<Void>> clients = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int i = c;
                    sent[i] = new Tally();
                    received[i] = new Tally();
                    clients.add(Coro.createTask(() -> client(i, connections.get(i), sent[i], received[i])));
                }
                Coro.gather(clients);
            }));
        } finally {
            serverLoop.submit(server::close).get(30, TimeUnit.SECONDS);
            serverDone.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            serverThread.join(TimeUnit.SECONDS.toMillis(30));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("StreamSoakTest: %,d bytes each way in %,d ms%n", expectedBytes, millis);

        long total = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
            assertEquals(sent[c].bytes, received[c].bytes, "connection " + c + ": bytes echoed");
            assertEquals(sent[c].hash, received[c].hash, "connection " + c + ": the hash of what came back");
            total += received[c].bytes;
        }
        assertEquals(expectedBytes, total);
        assertEquals(CONNECTIONS, served.size(), "a handler per connection");
        long[] sentHashes = new long[CONNECTIONS];
        long[] servedHashes = new long[CONNECTIONS];
        for (int c = 0; c < CONNECTIONS; c++) {
            sentHashes[c] = sent[c].hash ^ (sent[c].bytes << 32);
            servedHashes[c] = served.get(c).hash ^ (served.get(c).bytes << 32);
        }
        java.util.Arrays.sort(sentHashes);
        java.util.Arrays.sort(servedHashes);
        assertTrue(java.util.Arrays.equals(sentHashes, servedHashes),
                "the server received what each client sent (hash and length, per connection)");
    }

    /** One client: sends its messages one at a time, reads each echo in full, hashes both ways. */
    @Async
    static void client(int connection, Connection c, Tally sent, Tally received) throws Exception {
        SplittableRandom offsets = new SplittableRandom(SEED ^ connection);
        CRC32C out = new CRC32C();
        CRC32C in = new CRC32C();
        try {
            for (int size : sizes(connection)) {
                int offset = offsets.nextInt(SOURCE.length - size + 1);
                out.update(SOURCE, offset, size);
                sent.bytes += size;
                c.writer().write(SOURCE, offset, size);
                c.writer().drain();
                byte[] echo = c.reader().readexactly(size);
                in.update(echo);
                received.bytes += echo.length;
            }
            c.writer().writeEof();
            assertEquals(0, c.reader().read(-1).length, "connection " + connection + ": nothing more came back");
        } finally {
            c.writer().close();
        }
        sent.hash = out.getValue();
        received.hash = in.getValue();
    }
}
