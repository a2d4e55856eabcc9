package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.ExceptionContext;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import io.coro4j.sync.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Server}: a handler task per connection, port 0, the bound addresses, close and waitClosed with
 * asyncio 3.12.1's meaning and without its hangs, closeClients and abortClients, serveForever, a failing
 * handler, Unix domain sockets.
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class ServerTest extends StepRecorder {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Async
    static void echo(StreamReader reader, StreamWriter writer) throws Exception {
        for (byte[] line; (line = reader.readline()).length > 0; ) {
            writer.write(line);
            writer.drain();
        }
    }

    @Async
    private static String ask(Connection c, String line) throws IOException {
        c.writer().write(line + "\n");
        c.writer().drain();
        return text(c.reader().readline());
    }

    @Test
    void eachConnectionRunsTheHandlerAsATaskOfItsOwnOnThePortTheSystemPicked() {
        Coro.run(() -> {
            Set<Task<?>> handlerTasks = new HashSet<>();
            Server server = Streams.startServer((reader, writer) -> {
                handlerTasks.add(Coro.currentTask());
                echo(reader, writer);
            }, "127.0.0.1", 0);
            try {
                assertTrue(server.isServing());
                assertNotEquals(0, server.port());
                assertEquals(List.of(new InetSocketAddress("127.0.0.1", server.port())), server.addresses());
                List<Connection> clients = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    clients.add(Streams.openConnection("127.0.0.1", server.port()));
                }
                for (int i = 0; i < 3; i++) {
                    assertEquals("hello " + i + "\n", ask(clients.get(i), "hello " + i));
                }
                assertEquals(3, handlerTasks.size(), "one task per connection");
                assertTrue(Coro.allTasks().containsAll(handlerTasks), "allTasks() has the handler tasks");
                assertFalse(handlerTasks.contains(Coro.currentTask()));
                assertEquals(3, server.connectionCount());
                for (Connection c : clients) {
                    c.writer().close();
                }
            } finally {
                server.close();
                server.waitClosed();
            }
            assertFalse(server.isServing());
            assertEquals(0, server.connectionCount());
        });
    }

    /**
     * Reads lines; after a line "flood", writes to the peer (which reads nothing) until its drain waits.
     */
    @Async
    static void readOrFlood(StreamReader reader, StreamWriter writer) throws Exception {
        for (byte[] line; (line = reader.readline()).length > 0; ) {
            if (text(line).equals("flood\n")) {
                writer.setWriteBufferLimits(1024, 256);
                for (int i = 0; i < 100_000; i++) {
                    writer.write(new byte[64 * 1024]);
                    writer.drain();
                }
            }
        }
    }

    @Test
    void theDumpShowsEachHandlerTaskWaitingOnItsPeerAndAllTasksAndPrintStackSeeThem() {
        Coro.run(() -> {
            Server server = Streams.startServer(ServerTest::readOrFlood, "127.0.0.1", 0);
            List<Connection> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    clients.add(Streams.openConnection("127.0.0.1", server.port()));
                }
                String reading = "127.0.0.1:" + ((InetSocketAddress) clients.get(0).writer().getExtraInfo("sockname")).getPort();
                String flooded = "127.0.0.1:" + ((InetSocketAddress) clients.get(1).writer().getExtraInfo("sockname")).getPort();
                clients.get(1).writer().write("flood\n");
                String dump = "";
                for (int i = 0; i < 400 && !dump.contains("waiting to drain"); i++) {
                    Coro.sleep(ms(5));
                    dump = Coro.dumpTasks();
                }
                assertTrue(dump.contains("state: waiting to read from " + reading), dump);
                assertTrue(dump.contains("state: waiting to drain the writer to " + flooded), dump);
                Set<Task<?>> handlers = new HashSet<>();
                for (Task<?> t : Coro.allTasks()) {
                    if (String.valueOf(t.getCoro()).contains("readOrFlood")) {
                        handlers.add(t);
                    }
                }
                assertEquals(2, handlers.size(), "allTasks() has both handler tasks: " + Coro.allTasks());
                Set<String> waitingIn = new HashSet<>();
                for (Task<?> handler : handlers) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    handler.printStack(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
                    String stack = out.toString(StandardCharsets.UTF_8);
                    assertTrue(stack.contains("io.coro4j.net.ServerTest.readOrFlood"), stack);
                    assertTrue(handler.toString().matches("<Task pending name='Task-\\d+'"
                            + " coro=<ServerTest.readOrFlood\\(\\) running at ServerTest.java:\\d+>>"), handler.toString());
                    StackTraceElement api = handler.getStack().stream()
                            .filter(e -> e.getClassName().startsWith("io.coro4j.net.Stream"))
                            .reduce((x, y) -> y).orElseThrow(() -> new AssertionError(stack));
                    assertTrue(stack.contains(api.getClassName() + "." + api.getMethodName()), stack);
                    waitingIn.add(api.getClassName() + "." + api.getMethodName());
                }
                assertEquals(Set.of("io.coro4j.net.StreamReader.readline", "io.coro4j.net.StreamWriter.drain"),
                        waitingIn);
            } finally {
                for (Connection c : clients) {
                    c.writer().abort();
                }
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void waitClosedWaitsForTheCloseAndForEveryConnectionInEitherOrder() {
        Coro.run(() -> {
            Server server = Streams.startServer(ServerTest::echo, "127.0.0.1", 0);
            Task<Void> waiting = Coro.createTask(server::waitClosed);
            Coro.sleep(ms(10));
            assertFalse(waiting.isDone(), "an open server with no connection: waitClosed waits (asyncio 3.12.1)");
            Connection c = Streams.openConnection("127.0.0.1", server.port());
            assertEquals("x\n", ask(c, "x"));
            server.close();
            Coro.sleep(ms(10));
            assertFalse(waiting.isDone(), "closed, but a connection is open: it waits");
            assertThrowsAsync(java.net.ConnectException.class, () -> Streams.openConnection("127.0.0.1", server.port()));
            assertEquals("still served\n", ask(c, "still served"), "close() leaves the connections alone");
            c.writer().close();
            waiting.join(); // the handler met the end, returned, its connection closed: both hold now
            server.waitClosed(); // at once now
        });
    }

    @Test
    void aHandlerThatReturnsWithoutClosingItsWriterEndsItsConnection() {
        // asyncio gh-114914: wait_closed() hangs on a writer its handler forgot
        Coro.run(() -> {
            Server server = Streams.startServer((reader, writer) -> writer.write("bye\n"), "127.0.0.1", 0);
            Connection c = Streams.openConnection("127.0.0.1", server.port());
            assertEquals("bye\n", text(c.reader().readline()), "what it wrote is still sent");
            assertEquals(0, c.reader().read(10).length, "then the connection ends");
            c.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void closeClientsAndAbortClientsEndTheConnectionsThatKeepWaitClosedWaiting() {
        // asyncio gh-113538: handlers that wait on their clients forever keep wait_closed() waiting
        Coro.run(() -> {
            Event handlersEnded = new Event();
            int[] ended = {0};
            Server server = Streams.startServer((reader, writer) -> {
                try {
                    reader.read(-1); // waits for a client that never sends
                } finally {
                    if (++ended[0] == 4) {
                        handlersEnded.set();
                    }
                }
            }, "127.0.0.1", 0);
            List<Connection> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(Streams.openConnection("127.0.0.1", server.port()));
            }
            while (server.connectionCount() < 4) {
                Coro.sleep(ms(1));
            }
            server.close();
            Task<Void> waiting = Coro.createTask(server::waitClosed);
            Coro.sleep(ms(10));
            assertFalse(waiting.isDone());
            server.closeClients();
            waiting.join();
            handlersEnded.await();
            for (Connection c : clients) {
                assertEquals(0, c.reader().read(10).length, "each client meets the end of its stream");
                c.writer().close();
            }

            Server second = Streams.startServer((reader, writer) -> reader.read(-1), "127.0.0.1", 0);
            Connection c = Streams.openConnection("127.0.0.1", second.port());
            while (second.connectionCount() < 1) {
                Coro.sleep(ms(1));
            }
            second.close();
            second.abortClients();
            second.waitClosed();
            c.writer().close();
        });
    }

    @Test
    void serveForeverReturnsWhenTheServerClosesAndACancelClosesTheServer() {
        Coro.run(() -> {
            Server server = Streams.startServer(ServerTest::echo, "127.0.0.1", 0);
            Task<Void> serving = Coro.createTask(server::serveForever);
            Coro.sleep(ZERO);
            assertThrowsAsync(IllegalStateException.class, server::serveForever);
            Connection c = Streams.openConnection("127.0.0.1", server.port());
            assertEquals("a\n", ask(c, "a"));
            server.close();
            serving.join(); // returns: no CancellationException, unlike asyncio's
            assertThrowsAsync(IllegalStateException.class, server::serveForever);
            c.writer().close();
            server.waitClosed();

            Server other = Streams.startServer(ServerTest::echo, "127.0.0.1", 0);
            Task<Void> servingOther = Coro.createTask(other::serveForever);
            Coro.sleep(ZERO);
            servingOther.cancel();
            assertThrowsAsync(CancellationException.class, servingOther::join);
            assertFalse(other.isServing(), "a cancel of serveForever closes the server");
            other.waitClosed();
        });
    }

    @Test
    void aFailingHandlerIsReportedWithItsPeerAndTheOthersGoOn() {
        List<ExceptionContext> reported = new ArrayList<>();
        Coro.run(() -> {
            Coro.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Server server = Streams.startServer((reader, writer) -> {
                byte[] line = reader.readline();
                if (text(line).equals("fail\n")) {
                    throw new IllegalStateException("the handler failed");
                }
                writer.write(line);
                writer.drain();
            }, "127.0.0.1", 0);
            Connection good = Streams.openConnection("127.0.0.1", server.port());
            Connection bad = Streams.openConnection("127.0.0.1", server.port());
            good.writer().write("ok");
            bad.writer().write("fail\n");
            assertEquals(0, bad.reader().read(10).length, "the failed handler's connection is closed");
            good.writer().write("\n");
            assertEquals("ok\n", text(good.reader().readline()), "the other connection is served");
            good.writer().close();
            bad.writer().close();
            server.close();
            server.waitClosed();
            String badName = "127.0.0.1:" + ((InetSocketAddress) bad.writer().getExtraInfo("sockname")).getPort();
            assertEquals(1, reported.size(), reported.toString());
            assertTrue(reported.get(0).message().startsWith("Unhandled exception in the connection handler for "
                    + badName), reported.get(0).message());
            assertEquals("the handler failed", reported.get(0).exception().getMessage());
        });
    }

    @Test
    void aHostWithSeveralAddressesListensOnEachWithOnePort() {
        Coro.run(() -> {
            Server server = Streams.startServer(ServerTest::echo, "localhost", 0);
            try {
                List<SocketAddress> addresses = server.addresses();
                assertEquals(Coro.getRunningLoop().getaddrinfo("localhost", 0).size(), addresses.size());
                for (SocketAddress a : addresses) {
                    InetSocketAddress inet = (InetSocketAddress) a;
                    assertTrue(inet.getAddress().isLoopbackAddress());
                    assertEquals(server.port(), inet.getPort());
                    Connection c = Streams.openConnection(inet.getAddress().getHostAddress(), inet.getPort());
                    assertEquals("via " + inet + "\n", ask(c, "via " + inet));
                    c.writer().close();
                }
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void anIpv6LoopbackServerServes() {
        Coro.run(() -> {
            Server server = Streams.startServer(ServerTest::echo, "::1", 0);
            Connection c = Streams.openConnection("::1", server.port());
            assertEquals("six\n", ask(c, "six"));
            assertEquals("[::1]:" + server.port(), server.toString().replaceAll("Server\\[(.*), serving]", "$1"));
            c.writer().close();
            server.close();
            server.waitClosed();
        });
    }

    @Test
    void aPortInUseIsABindExceptionNamingTheAddress() {
        Coro.run(() -> {
            Server server = Streams.startServer(ServerTest::echo, "127.0.0.1", 0);
            try {
                BindException e = assertThrowsAsync(BindException.class,
                        () -> Streams.startServer(ServerTest::echo, "127.0.0.1", server.port()));
                assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + server.port()), e.getMessage());
            } finally {
                server.close();
                server.waitClosed();
            }
        });
    }

    @Test
    void unixDomainSocketsServeAndTheirFileIsCleanedUp(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("echo.sock");
        Coro.run(() -> {
            Server server = Streams.startUnixServer(ServerTest::echo, path);
            assertEquals(-1, server.port());
            assertEquals(List.of(UnixDomainSocketAddress.of(path)), server.addresses());
            Connection c = Streams.openUnixConnection(path);
            assertEquals("unix\n", ask(c, "unix"));
            assertEquals(UnixDomainSocketAddress.of(path), c.writer().getExtraInfo("peername"));
            c.writer().close();
            server.close();
            server.waitClosed();
            assertFalse(Files.exists(path), "the socket file is removed when the server closes");

            // a socket file an earlier process left behind is removed; any other file is refused
            Server first = Streams.startUnixServer(ServerTest::echo, path);
            first.close(); // (removes it)
            assertFalse(Files.exists(path));
            java.nio.channels.ServerSocketChannel left = java.nio.channels.ServerSocketChannel.open(
                    java.net.StandardProtocolFamily.UNIX);
            left.bind(UnixDomainSocketAddress.of(path));
            left.close(); // the file stays, as after a crash
            assertTrue(Files.exists(path));
            Server again = Streams.startUnixServer(ServerTest::echo, path);
            Connection d = Streams.openUnixConnection(path);
            assertEquals("again\n", ask(d, "again"));
            d.writer().close();
            again.close();
            again.waitClosed();

            Path plain = Files.writeString(dir.resolve("plain"), "not a socket");
            assertThrowsAsync(FileAlreadyExistsException.class, () -> Streams.startUnixServer(ServerTest::echo, plain));
            assertEquals("not a socket", Files.readString(plain));
        });
    }

    @Test
    void theServerAndItsStreamsBelongToTheLoopsThread() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
                Thread other = new Thread(() -> {
                    for (Runnable misuse : List.<Runnable>of(() -> l.client.writer().write("x"),
                            () -> l.client.reader().atEof(), () -> l.server.close())) {
                        try {
                            misuse.run();
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                });
                other.start();
                other.join();
                assertEquals(3, errors.size());
                for (Throwable e : errors) {
                    assertTrue(e instanceof IllegalStateException && e.getMessage().contains("belongs to the event loop"),
                            String.valueOf(e));
                }
                assertTrue(l.server.isServing());
            } finally {
                l.close();
            }
        });
    }
}
