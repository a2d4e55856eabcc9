package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.ExceptionContext;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's faults and bad input, each on loopback: a cancel in the middle of a read, a peer that resets,
 * half-closes or goes away, a refused and a timed-out connect, a line past the limit, the loop closed
 * under open connections. Descriptors are counted around the class ({@link NoDescriptorLeaks}), and around
 * the connects, which must leave nothing open by themselves.
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class StreamFaultsTest extends StepRecorder {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Async
    private static void send(Connection c, String s) throws IOException {
        c.writer().write(bytes(s));
        c.writer().drain();
    }

    /** Lets bytes cross loopback and the loop see them. */
    @Async
    private static void settle() {
        Coro.sleep(ms(20));
    }

    // ------------------------------------------------------------------------------------------------
    // A cancel in the middle of a read
    // ------------------------------------------------------------------------------------------------

    @Test
    void aCancelInTheMiddleOfReadReadlineOrReadexactlyLosesNoByte() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();

                // read: cancelled while nothing has come; what comes after goes to the next read
                Task<byte[]> reading = Coro.createTask(() -> r.read(100));
                settle();
                reading.cancel();
                settle();
                assertTrue(reading.isCancelled());
                send(l.client, "abc");
                assertEquals("abc", text(r.read(100)));

                // readline: cancelled with half a line read; the line is whole at the next readline
                Task<byte[]> line = Coro.createTask(r::readline);
                send(l.client, "hel");
                settle();
                assertFalse(line.isDone(), "no newline yet");
                line.cancel();
                settle();
                assertTrue(line.isCancelled());
                send(l.client, "lo\nnext");
                assertEquals("hello\n", text(r.readline()));

                // readexactly: cancelled with 4 of 10 bytes read (and "next" before them)
                Task<byte[]> exactly = Coro.createTask(() -> r.readexactly(14));
                send(l.client, "0123");
                settle();
                assertFalse(exactly.isDone());
                exactly.cancel();
                settle();
                assertTrue(exactly.isCancelled());
                send(l.client, "456789");
                assertEquals("next0123456789", text(r.readexactly(14)));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void aReaderWokenByItsBytesButCancelledBeforeItRunsLeavesThemForTheNextRead() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                for (String how : new String[] {"read", "readline", "readexactly"}) {
                    Task<byte[]> reading = Coro.createTask(() -> how.equals("read") ? r.read(100)
                            : how.equals("readline") ? r.readline() : r.readexactly(6));
                    Coro.sleep(ms(5)); // it waits for readiness
                    l.client.writer().write(bytes(how + ":x\n")); // on loopback, in the peer's socket at once
                    // this task queues behind the I/O of the next turn: the reader is told first (its step
                    // queued), then this task runs and cancels it before that step
                    Coro.sleep(java.time.Duration.ZERO);
                    reading.cancel();
                    Coro.sleep(java.time.Duration.ZERO);
                    assertTrue(reading.isCancelled(), how);
                    assertEquals(how + ":x\n", text(r.readline()), how + ": every byte is there for the next read");
                }
            } finally {
                l.close();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------
    // A peer that resets, half-closes or goes away
    // ------------------------------------------------------------------------------------------------

    @Test
    void aPeerThatResetsGivesAnExceptionNamingItAtTheNextReadAndDrain() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                String peer = l.clientAddress();
                // SO_LINGER 0: the close sends a reset
                ((SocketChannel) l.client.writer().getExtraInfo("socket")).setOption(StandardSocketOptions.SO_LINGER, 0);
                l.client.writer().abort();
                settle();
                SocketException read = assertThrowsAsync(SocketException.class, () -> l.served.reader().read(10));
                assertTrue(read.getMessage().startsWith("the connection with " + peer + " was lost: "), read.getMessage());
                assertTrue(read.getMessage().toLowerCase().contains("reset"), read.getMessage());
                assertTrue(l.served.writer().isClosing());
                SocketException drain = assertThrowsAsync(SocketException.class, () -> {
                    l.served.writer().write(bytes("too late"));
                    l.served.writer().drain();
                });
                assertTrue(drain.getMessage().startsWith("the connection with " + peer + " was lost: "),
                        drain.getMessage());
            } finally {
                l.close();
            }
        });
    }

    @Test
    void aPeerThatHalfClosesEndsTheStreamAndAnIncompleteReadNamesIt() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                String peer = l.clientAddress();
                send(l.client, "partial");
                l.client.writer().writeEof();
                IncompleteReadException e = assertThrowsAsync(IncompleteReadException.class,
                        () -> l.served.reader().readexactly(100));
                assertEquals("the stream from " + peer + " ended after 7 of 100 bytes", e.getMessage());
                assertEquals("partial", text(e.partial()));
                assertTrue(l.served.reader().atEof());
                assertEquals(0, l.served.reader().readline().length);
                // a half-close: this side still writes, and the peer reads it
                send(l.served, "answer\n");
                assertEquals("answer\n", text(l.client.reader().readline()));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void aPeerThatGoesAwayWithBytesUnreadMakesTheWriterFailNamingIt() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                String peer = l.clientAddress();
                // the client's process goes away: its socket closes with what it was sent still unread, and
                // its kernel answers what comes next with a reset
                send(l.served, "unread");
                settle();
                l.client.writer().abort();
                StreamWriter w = l.served.writer();
                SocketException e = assertThrowsAsync(SocketException.class, () -> {
                    for (int i = 0; i < 1000; i++) {
                        w.write(new byte[1024]);
                        w.drain();
                        Coro.sleep(ms(1));
                    }
                });
                assertTrue(e.getMessage().startsWith("the connection with " + peer + " was lost: ")
                        || e.getMessage().equals("the connection with " + peer + " is closed"), e.getMessage());
                assertTrue(w.isClosing());
                assertThrowsAsync(SocketException.class, w::waitClosed);
            } finally {
                l.close();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------
    // Connects that fail
    // ------------------------------------------------------------------------------------------------

    @Test
    void aRefusedConnectNamesTheAddressAndLeavesNoChannelOpen() throws IOException {
        int port;
        try (ServerSocketChannel closed = ServerSocketChannel.open()) {
            closed.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) closed.getLocalAddress()).getPort();
        }
        int before = NoDescriptorLeaks.count();
        Coro.run(() -> {
            for (int i = 0; i < 20; i++) {
                ConnectException e = assertThrowsAsync(ConnectException.class,
                        () -> Streams.openConnection("127.0.0.1", port));
                assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            }
        });
        assertEquals(before, NoDescriptorLeaks.count(), "each refused socket was closed");
    }

    @Test
    void aConnectTimedOutByWithTimeoutLeavesNoChannelOpen() throws Exception {
        // a listener that never accepts, its accept queue full: the kernel drops the next SYNs, so a
        // connect hangs until a timeout ends it
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            InetSocketAddress address = (InetSocketAddress) full.getLocalAddress();
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                fillQueue(address, fillers);
                int before = NoDescriptorLeaks.count();
                Coro.run(() -> {
                    for (int i = 0; i < 5; i++) {
                        long start = System.nanoTime();
                        assertThrowsAsync(TimeoutException.class, () -> Coro.withTimeout(ms(100),
                                () -> Streams.openConnection("127.0.0.1", address.getPort())));
                        long took = (System.nanoTime() - start) / 1_000_000;
                        assertTrue(took >= 90 && took < 10_000, "timed out after " + took + " ms");
                    }
                });
                assertEquals(before, NoDescriptorLeaks.count(), "each timed-out socket was closed");
            } finally {
                for (SocketChannel c : fillers) {
                    c.close();
                }
            }
        }
    }

    /** Connects until a connect to {@code address} stays pending (its accept queue is full); at most 20. */
    private static void fillQueue(InetSocketAddress address, List<SocketChannel> fillers) throws Exception {
        for (int i = 0; i < 20; i++) {
            SocketChannel c = SocketChannel.open();
            fillers.add(c);
            c.configureBlocking(false);
            if (c.connect(address)) {
                continue;
            }
            boolean connected = false;
            for (int j = 0; j < 20 && !connected; j++) {
                connected = c.finishConnect();
                if (!connected) {
                    Thread.sleep(10);
                }
            }
            if (!connected) {
                return; // this one hangs: the queue is full
            }
        }
        throw new AssertionError("20 connects to a listener that never accepts all went through:"
                + " the kernel did not bound its accept queue");
    }

    // ------------------------------------------------------------------------------------------------
    // A line past the limit
    // ------------------------------------------------------------------------------------------------

    @Test
    void aMebibyteWithoutNewlineIsALimitOverrunAndTheServerServesTheOthers() {
        List<ExceptionContext> reported = new ArrayList<>();
        Coro.run(() -> {
            Coro.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Server server = Streams.startServer((reader, writer) -> {
                for (byte[] line; (line = reader.readline()).length > 0; ) {
                    writer.write(line);
                    writer.drain();
                }
            }, "127.0.0.1", 0);
            try {
                List<Connection> others = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    others.add(Streams.openConnection("127.0.0.1", server.port()));
                }
                Connection flood = Streams.openConnection("127.0.0.1", server.port());
                String floodName = "127.0.0.1:" + ((InetSocketAddress) flood.writer().getExtraInfo("sockname")).getPort();
                Task<Void> flooding = Coro.createTask(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'x');
                    try {
                        for (int i = 0; i < 16; i++) { // 1 MiB, no newline
                            flood.writer().write(chunk);
                            flood.writer().drain();
                        }
                    } catch (SocketException e) {
                        // the server closed the connection: it may reset what it did not read
                    }
                });
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < others.size(); i++) {
                        send(others.get(i), "round " + round + " client " + i + "\n");
                        assertEquals("round " + round + " client " + i + "\n", text(others.get(i).reader().readline()));
                    }
                }
                flooding.join();
                // the flooder's connection was closed by the server, after its handler failed
                byte[] rest;
                try {
                    rest = flood.reader().read(-1);
                } catch (SocketException e) {
                    rest = new byte[0]; // or reset: the server closed with the flood unread
                }
                assertEquals(0, rest.length, "the server sent the flooder nothing");
                for (int i = 0; i < others.size(); i++) {
                    send(others.get(i), "after " + i + "\n");
                    assertEquals("after " + i + "\n", text(others.get(i).reader().readline()), "still served");
                    others.get(i).writer().close();
                }
                flood.writer().close();
                assertEquals(1, reported.size(), reported.toString());
                assertTrue(reported.get(0).message().startsWith("Unhandled exception in the connection handler for "
                        + floodName), reported.get(0).message());
                LimitOverrunException e = assertInstanceOf(LimitOverrunException.class, reported.get(0).exception());
                assertTrue(e.getMessage().contains(floodName) && e.getMessage().contains("65536"), e.getMessage());
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------
    // Closing under open connections
    // ------------------------------------------------------------------------------------------------

    @Test
    void aServerClosedWithConnectionsOpenWaitsForThemAndCloseClientsEndsThem() {
        Coro.run(() -> {
            Server server = Streams.startServer(ServerTest::echo, "127.0.0.1", 0);
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                clients.add(Streams.openConnection("127.0.0.1", server.port()));
                send(clients.get(i), "hi\n");
                assertEquals("hi\n", text(clients.get(i).reader().readline()));
            }
            server.close();
            assertFalse(server.isServing());
            Task<Void> waiting = Coro.createTask(server::waitClosed);
            settle();
            assertFalse(waiting.isDone(), "5 connections open");
            assertEquals(5, server.connectionCount());
            clients.get(0).writer().close();
            settle();
            assertEquals(4, server.connectionCount());
            assertFalse(waiting.isDone());
            server.closeClients();
            waiting.join();
            for (Connection c : clients) {
                assertEquals(0, c.reader().read(-1).length, "each client reads the end of its stream");
                c.writer().close();
            }
        });
    }

    @Test
    void theLoopClosedWithConnectionsOpenClosesEveryChannelItOwns() throws IOException {
        int before = NoDescriptorLeaks.count();
        List<SocketChannel> channels = new ArrayList<>();
        List<Task<?>> handlers = new ArrayList<>();
        Coro.run(() -> {
            Server server = Streams.startServer((reader, writer) -> {
                handlers.add(Coro.currentTask());
                channels.add((SocketChannel) writer.getExtraInfo("socket"));
                writer.write(new byte[1 << 20]); // more than the kernel takes: some stays buffered
                reader.readline(); // waits for ever
            }, "127.0.0.1", 0);
            for (int i = 0; i < 10; i++) {
                Connection c = Streams.openConnection("127.0.0.1", server.port());
                channels.add((SocketChannel) c.writer().getExtraInfo("socket"));
                Task<byte[]> reading = Coro.createTask(() -> c.reader().readexactly(Integer.MAX_VALUE));
                handlers.add(reading);
            }
            settle();
            assertEquals(10, server.connectionCount());
            // main returns: the loop cancels what is pending and closes with all of it open
        });
        assertEquals(20, channels.size(), "both ends of 10 connections");
        for (SocketChannel c : channels) {
            assertFalse(c.isOpen(), c + " is closed with the loop");
        }
        for (Task<?> t : handlers) {
            assertTrue(t.isCancelled(), t + " was cancelled when the loop closed");
            assertThrowsCancelled(t);
        }
        assertEquals(before, NoDescriptorLeaks.count(), "the listening socket and the selector closed too");
    }

    private static void assertThrowsCancelled(Task<?> t) {
        try {
            t.result();
            throw new AssertionError(t + " has a result");
        } catch (CancellationException expected) {
            // as asyncio: a cancelled task's result raises CancelledError
        }
    }
}
