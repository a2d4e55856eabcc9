package io.coro4j.net;

import io.coro4j.Coro;
import io.coro4j.ExceptionContext;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.sync.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler whose connection the server closed under it ({@link Server#closeClients()},
 * {@link Server#abortClients()}) while it was busy elsewhere (a slow backend, in the HTTP sample): as in
 * asyncio, its next write is dropped and its drain throws an {@link IOException} naming the peer, which a
 * handler catches as it catches a client gone away. The handler closed nothing itself, so its write must
 * not throw {@code IllegalStateException} ("write() after close()"), which is for a writer closed by its
 * own user.
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class ServerClientsClosedTest {
    @Test
    void afterCloseClientsABusyHandlersWriteIsDroppedAndItsDrainThrowsAnIOException() {
        handlerSeesItsConnectionClosedBy(Server::closeClients);
    }

    @Test
    void afterAbortClientsABusyHandlersWriteIsDroppedAndItsDrainThrowsAnIOException() {
        handlerSeesItsConnectionClosedBy(Server::abortClients);
    }

    @Test
    void afterTheHandlerReturnsATaskItLeftWritingHasItsWriteDroppedAndItsDrainThrowsAnIOException() {
        List<ExceptionContext> reported = new ArrayList<>();
        List<Throwable> seen = new ArrayList<>();
        Coro.run(() -> {
            Coro.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Event handlerReturned = new Event();
            Event writerDone = new Event();
            Server server = Streams.startServer((reader, writer) -> {
                reader.readline();
                // a task of the handler's that outlives it: the server closes the connection when the handler
                // returns, which is not the user's close()
                Coro.createTask(() -> {
                    try {
                        handlerReturned.await();
                        writer.write("too late\n");
                        writer.drain();
                    } catch (IOException | RuntimeException e) {
                        seen.add(e);
                    } finally {
                        writerDone.set();
                    }
                });
            }, "127.0.0.1", 0);
            Connection client = Streams.openConnection("127.0.0.1", server.port());
            client.writer().write("request\n");
            client.writer().drain();
            assertEquals(0, client.reader().read(100).length, "the client meets the end of the stream");
            handlerReturned.set();
            writerDone.await();
            client.writer().close();
            server.close();
            server.waitClosed();
        });
        assertEquals(1, seen.size(), seen.toString());
        assertTrue(seen.get(0) instanceof IOException, "an IOException, as for a client gone away, not " + seen.get(0));
        assertTrue(seen.get(0).getMessage().contains("127.0.0.1:"), "naming the peer: " + seen.get(0).getMessage());
        assertEquals(List.of(), reported);
    }

    private static void handlerSeesItsConnectionClosedBy(java.util.function.Consumer<Server> closing) {
        List<ExceptionContext> reported = new ArrayList<>();
        List<Throwable> seen = new ArrayList<>();
        Coro.run(() -> {
            Coro.getRunningLoop().setExceptionHandler((loop, context) -> reported.add(context));
            Event atBackend = new Event();
            Event backendDone = new Event();
            Event handlerDone = new Event();
            boolean[] closingSeen = {false};
            Server server = Streams.startServer((reader, writer) -> {
                try {
                    reader.readline();
                    atBackend.set();
                    backendDone.await(); // the slow backend; meanwhile the server closes this connection
                    closingSeen[0] = writer.isClosing();
                    writer.write("too late\n");
                    writer.drain();
                } catch (IOException | RuntimeException e) {
                    seen.add(e);
                } finally {
                    handlerDone.set();
                }
            }, "127.0.0.1", 0);
            Connection client = Streams.openConnection("127.0.0.1", server.port());
            client.writer().write("request\n");
            client.writer().drain();
            atBackend.await();
            server.close();
            closing.accept(server);
            server.waitClosed();
            backendDone.set();
            handlerDone.await();
            assertTrue(closingSeen[0], "the handler's writer says it is closing");
            assertEquals(0, client.reader().read(100).length, "the client meets the end of the stream");
            client.writer().close();
        });
        assertEquals(1, seen.size(), seen.toString());
        assertTrue(seen.get(0) instanceof IOException, "an IOException, as for a client gone away, not " + seen.get(0));
        assertNotNull(seen.get(0).getMessage());
        assertTrue(seen.get(0).getMessage().contains("127.0.0.1:"), "naming the peer: " + seen.get(0).getMessage());
        assertEquals(List.of(), reported);
    }
}
