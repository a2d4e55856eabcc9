package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.net.Connection;
import io.coro4j.net.Server;
import io.coro4j.net.StreamReader;
import io.coro4j.net.StreamWriter;
import io.coro4j.net.Streams;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An echo server and its client, over TCP: asyncio's "TCP echo client and server using streams".
 *
 * <pre>{@code
 * async def handle_echo(reader, writer):
 *     while line := await reader.readline():     # b'' at the end of the stream
 *         writer.write(line)
 *         await writer.drain()
 *     writer.close()
 *
 * async def main():
 *     server = await asyncio.start_server(handle_echo, '127.0.0.1', 0)
 *     port = server.sockets[0].getsockname()[1]
 *     reader, writer = await asyncio.open_connection('127.0.0.1', port)
 *     ...
 * }</pre>
 *
 * <p>The server runs {@link #echo} once per connection, each as a task of its own, so one slow client
 * never holds up another. Port 0 lets the system pick a free port, which {@link Server#port()} tells.
 * With a port as its argument, the program only serves, until it is stopped (try {@code nc 127.0.0.1 8888}).
 */
public final class EchoExample {
    private EchoExample() {}

    /** The connection handler: sends every line back until the client ends its side of the stream. */
    @Async
    static void echo(StreamReader reader, StreamWriter writer) throws IOException {
        InetSocketAddress peer = (InetSocketAddress) writer.getExtraInfo("peername");
        System.out.println("server: a client connected from " + peer.getAddress().getHostAddress());
        // readline() waits for a whole line; at the end of the stream it returns an empty array.
        for (byte[] line; (line = reader.readline()).length > 0; ) {
            writer.write(line);
            // drain() waits while the write buffer is above its high-water mark: the flow control that
            // keeps a client which does not read from making the server buffer without bound.
            writer.drain();
        }
        System.out.println("server: the client ended its stream; closing the connection");
        // Returning ends the connection: the server closes the writer once what it holds is sent.
    }

    /** The client: sends each message as a line and prints what comes back. */
    @Async
    static void client(int port, List<String> messages) throws IOException {
        Connection connection = Streams.openConnection("127.0.0.1", port);
        StreamReader reader = connection.reader();
        StreamWriter writer = connection.writer();
        try {
            for (String message : messages) {
                writer.write(message + "\n");
                writer.drain();
                String reply = new String(reader.readline(), StandardCharsets.UTF_8).stripTrailing();
                System.out.println("client: sent '" + message + "', got back '" + reply + "'");
            }
            // A half-close: the server reads the end of the stream, and may still send (it does not here).
            writer.writeEof();
            byte[] rest = reader.read(-1); // everything up to the server's end of the stream
            System.out.println("client: the server closed the connection (" + rest.length + " bytes after the last reply)");
        } finally {
            writer.close();
            writer.waitClosed();
        }
    }

    @Async
    static void main() throws IOException {
        Server server = Streams.startServer(EchoExample::echo, "127.0.0.1", 0);
        System.out.println("server: listening on 127.0.0.1, on a port the system picked");
        try {
            client(server.port(), List.of("hello", "coroutines over sockets", "bye"));
        } finally {
            // Stop listening, then wait until every connection has ended (its handler returned).
            server.close();
            server.waitClosed();
        }
        System.out.println("server: closed");
    }

    /** Serves on the port given (until the program is stopped), or runs the demo above with no argument. */
    @Async
    static void serve(int port) throws IOException {
        Server server = Streams.startServer(EchoExample::echo, "127.0.0.1", port);
        System.out.println("echo server on 127.0.0.1:" + server.port());
        server.serveForever();
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            int port = Integer.parseInt(args[0]);
            Coro.run(() -> serve(port));
        } else {
            Coro.run((AsyncRunnable) EchoExample::main);
        }
    }
}
