package io.coro4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's low-level I/O (asyncio's {@code add_reader}, {@code add_writer} and {@code sock_*}), on pipes
 * and loopback sockets. Every test is bounded by the class's timeout; every descriptor it opens is closed
 * by its end ({@link NoDescriptorLeaks}).
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class EventLoopIoTest extends StepRecorder {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A listening socket on 127.0.0.1, any port, in non-blocking mode. */
    private static ServerSocketChannel listener() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(LOOPBACK, 0));
        server.configureBlocking(false);
        return server;
    }

    private static SocketChannel nonBlocking() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        return channel;
    }

    /** A connected pair: [client, accepted], both non-blocking, through the loop's sock methods. */
    @Async
    private static SocketChannel[] connectedPair(EventLoop loop, ServerSocketChannel server) throws IOException {
        SocketChannel client = nonBlocking();
        Task<SocketChannel> accepting = Coro.createTask(() -> loop.sockAccept(server));
        loop.sockConnect(client, server.getLocalAddress());
        return new SocketChannel[] {client, accepting.join()};
    }

    @Async
    private static byte[] receiveExactly(EventLoop loop, SocketChannel channel, int n) throws IOException {
        ByteBuffer into = ByteBuffer.allocate(n);
        while (into.hasRemaining()) {
            if (loop.sockRecvInto(channel, into) < 0) {
                break;
            }
        }
        return Arrays.copyOf(into.array(), into.position());
    }

    @Test
    void addReaderRunsItsCallbackAtEachTurnTheChannelIsReadableUntilRemoved() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            List<String> got = new ArrayList<>();
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                loop.addReader(source, () -> {
                    ByteBuffer b = ByteBuffer.allocate(16);
                    try {
                        source.read(b);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    got.add(new String(b.array(), 0, b.position()));
                });
                sink.write(ByteBuffer.wrap("one".getBytes()));
                while (got.isEmpty()) {
                    Coro.sleep(ms(1));
                }
                sink.write(ByteBuffer.wrap("two".getBytes()));
                while (got.size() < 2) {
                    Coro.sleep(ms(1));
                }
                assertTrue(loop.removeReader(source));
                assertFalse(loop.removeReader(source), "nothing is watched any more");
                sink.write(ByteBuffer.wrap("three".getBytes()));
                Coro.sleep(ms(20));
            });
            assertEquals(List.of("one", "two"), got);
        }
    }

    @Test
    void addWriterRunsWhileTheChannelIsWritable() throws IOException {
        try (ServerSocketChannel server = listener()) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                SocketChannel[] pair = connectedPair(loop, server);
                try {
                    int[] calls = {0};
                    loop.addWriter(pair[0], () -> {
                        if (++calls[0] == 3) {
                            loop.removeWriter(pair[0]);
                        }
                    });
                    Coro.sleep(ms(20));
                    assertEquals(3, calls[0], "runs at each turn while writable, until removed");
                    assertFalse(loop.removeWriter(pair[0]));
                } finally {
                    pair[0].close();
                    pair[1].close();
                }
            });
        }
    }

    @Test
    void sockMethodsCarryAMegabyteBothWaysOverLoopback() throws IOException {
        byte[] data = randomBytes(1 << 20, 1);
        try (ServerSocketChannel server = listener()) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                SocketChannel[] pair = connectedPair(loop, server);
                try {
                    Task<byte[]> receiving = Coro.createTask(() -> receiveExactly(loop, pair[1], data.length));
                    loop.sockSendall(pair[0], data); // more than the socket buffers: it waits while they are full
                    assertArrayEquals(data, receiving.join());
                    loop.sockSendall(pair[1], ByteBuffer.wrap(data, 0, 1000));
                    byte[] first = loop.sockRecv(pair[0], 10);
                    assertTrue(first.length >= 1 && first.length <= 10, "at most n bytes: " + first.length);
                    byte[] rest = receiveExactly(loop, pair[0], 1000 - first.length);
                    byte[] all = new byte[1000];
                    System.arraycopy(first, 0, all, 0, first.length);
                    System.arraycopy(rest, 0, all, first.length, rest.length);
                    assertArrayEquals(Arrays.copyOf(data, 1000), all);
                    pair[1].shutdownOutput();
                    assertEquals(0, loop.sockRecv(pair[0], 10).length, "an empty array at the end of the stream");
                    assertEquals(-1, loop.sockRecvInto(pair[0], ByteBuffer.allocate(10)));
                    assertEquals(0, loop.sockRecv(pair[0], 0).length);
                } finally {
                    pair[0].close();
                    pair[1].close();
                }
            });
        }
    }

    @Test
    void sockSendfileSendsTheFileThroughTransferToAndMovesItsPosition(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        byte[] content = randomBytes(700_000, 2);
        Path file = Files.write(dir.resolve("payload"), content);
        try (ServerSocketChannel server = listener(); FileChannel fc = FileChannel.open(file, StandardOpenOption.READ)) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                SocketChannel[] pair = connectedPair(loop, server);
                try {
                    Task<byte[]> receiving = Coro.createTask(() -> receiveExactly(loop, pair[1], content.length - 100));
                    assertEquals(content.length - 100, loop.sockSendfile(pair[0], fc, 100, -1));
                    assertEquals(content.length, fc.position(), "the position is left after what was sent");
                    assertArrayEquals(Arrays.copyOfRange(content, 100, content.length), receiving.join());
                    Task<byte[]> more = Coro.createTask(() -> receiveExactly(loop, pair[1], 50));
                    assertEquals(50, loop.sockSendfile(pair[0], fc, 10, 50));
                    assertArrayEquals(Arrays.copyOfRange(content, 10, 60), more.join());
                    assertEquals(0, loop.sockSendfile(pair[0], fc, content.length, 10), "nothing past the end");
                } finally {
                    pair[0].close();
                    pair[1].close();
                }
            });
        }
    }

    @Test
    void aCancelWhileWaitingInSockRecvLosesNoByteAndTheDumpSaysWhatItWaitsFor() throws IOException {
        try (ServerSocketChannel server = listener()) {
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                SocketChannel[] pair = connectedPair(loop, server);
                try {
                    Task<byte[]> waiting = Coro.createTask(() -> loop.sockRecv(pair[1], 100), "waiter");
                    Coro.sleep(ZERO);
                    String peer = "127.0.0.1:" + ((InetSocketAddress) pair[1].getRemoteAddress()).getPort();
                    String dump = Coro.dumpTasks();
                    assertTrue(dump.contains("name='waiter'") && dump.contains("state: waiting to read from " + peer),
                            dump);
                    IllegalStateException second = assertThrowsAsync(IllegalStateException.class,
                            () -> loop.sockRecv(pair[1], 100));
                    assertTrue(second.getMessage().startsWith("a task is already waiting to read from"),
                            second.getMessage());
                    waiting.cancel();
                    Coro.sleep(ZERO);
                    assertTrue(waiting.isCancelled());
                    loop.sockSendall(pair[0], "hello".getBytes());
                    assertArrayEquals("hello".getBytes(), receiveExactly(loop, pair[1], 5),
                            "the bytes sent after the cancel all reach the next reader");
                } finally {
                    pair[0].close();
                    pair[1].close();
                }
            });
        }
    }

    @Test
    void aRefusedConnectNamesTheAddress() throws IOException {
        InetSocketAddress closed;
        try (ServerSocketChannel server = listener()) {
            closed = (InetSocketAddress) server.getLocalAddress();
        }
        try (SocketChannel client = nonBlocking()) {
            ConnectException e = Coro.run(() -> assertThrowsAsync(ConnectException.class,
                    () -> Coro.getRunningLoop().sockConnect(client, closed)));
            assertTrue(e.getMessage().startsWith("connection to 127.0.0.1:" + closed.getPort() + " failed"),
                    e.getMessage());
        }
    }

    @Test
    void getaddrinfoResolvesOffTheLoopAndNumericAddressesAtOnce() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            List<InetSocketAddress> local = loop.getaddrinfo("localhost", 80);
            assertFalse(local.isEmpty());
            for (InetSocketAddress a : local) {
                assertTrue(a.getAddress().isLoopbackAddress(), a.toString());
                assertEquals(80, a.getPort());
            }
            assertEquals(List.of(new InetSocketAddress("127.0.0.1", 8080)), loop.getaddrinfo("127.0.0.1", 8080));
            assertEquals(List.of(new InetSocketAddress("::1", 1)), loop.getaddrinfo("::1", 1));
            assertThrowsAsync(IllegalArgumentException.class, () -> loop.getaddrinfo("localhost", 70000));
        });
    }

    @Test
    void misuseGetsAClearError() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink();
             SocketChannel blocking = SocketChannel.open()) {
            source.configureBlocking(false);
            CompletableFuture<EventLoop> loopOf = new CompletableFuture<>();
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                IllegalArgumentException inBlockingMode = assertThrows(IllegalArgumentException.class,
                        () -> loop.addReader(sink, () -> { }));
                assertTrue(inBlockingMode.getMessage().contains("configureBlocking(false)"), inBlockingMode.getMessage());
                assertThrowsAsync(IllegalArgumentException.class, () -> loop.sockRecv(blocking, 1));
                assertThrows(NullPointerException.class, () -> loop.addReader(source, null));
                // a sock method is a task's: from a plain callback of the loop, it says so
                CompletableFuture<Throwable> fromCallback = new CompletableFuture<>();
                loop.callSoon(() -> {
                    try {
                        loop.getaddrinfo("127.0.0.1", 1);
                    } catch (Throwable e) {
                        fromCallback.complete(e);
                    }
                });
                Coro.sleep(ZERO);
                assertTrue(fromCallback.getNow(null) instanceof IllegalStateException, String.valueOf(fromCallback));
                // from another thread: refused, with the way to the loop
                Thread other = new Thread(() -> {
                    try {
                        loop.addReader(source, () -> { });
                        loopOf.completeExceptionally(new AssertionError("addReader from another thread was accepted"));
                    } catch (IllegalStateException e) {
                        loopOf.complete(loop);
                    } catch (Throwable e) {
                        loopOf.completeExceptionally(e);
                    }
                });
                other.start();
                other.join();
            });
            loopOf.get();
        }
    }

    @Test
    void theLoopLeavesAUsersChannelsOpenWhenItCloses() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            Coro.run(() -> Coro.getRunningLoop().addReader(source, () -> { }));
            assertTrue(source.isOpen());
            assertFalse(source.isRegistered(), "deregistered with the loop's selector");
        }
    }
}
