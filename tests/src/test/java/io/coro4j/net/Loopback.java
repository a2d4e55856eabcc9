package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.sync.Queue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * A connection over 127.0.0.1 whose both ends the test holds: a server that hands each accepted
 * connection to the test (its handler then waits until the connection closes), and a client connected to
 * it. Close it at the end of the test.
 */
final class Loopback {
    final Server server;
    /** The client's end. */
    final Connection client;
    /** The server's end of the same connection. */
    final Connection served;

    private Loopback(Server server, Connection client, Connection served) {
        this.server = server;
        this.client = client;
        this.served = served;
    }

    @Async
    static Loopback open() throws IOException {
        return open(StreamOptions.defaults(), StreamOptions.defaults());
    }

    @Async
    static Loopback open(StreamOptions serverOptions, StreamOptions clientOptions) throws IOException {
        Queue<Connection> accepted = new Queue<>();
        Server server = Streams.startServer((reader, writer) -> {
            accepted.put(new Connection(reader, writer));
            try {
                writer.waitClosed(); // the connection lives until the test closes it
            } catch (IOException e) {
                // lost: the test made it so
            }
        }, "127.0.0.1", 0, serverOptions);
        Connection client = Streams.openConnection("127.0.0.1", server.port(), clientOptions);
        return new Loopback(server, client, accepted.get());
    }

    /** The client's port, as the server's side names its peer: {@code 127.0.0.1:PORT}. */
    String clientAddress() {
        return "127.0.0.1:" + ((InetSocketAddress) client.writer().getExtraInfo("sockname")).getPort();
    }

    /**
     * Makes the kernel's buffers between the two ends small (the client's send buffer, the server's
     * receive buffer), so that the writer's own buffer fills after a few KiB rather than megabytes.
     */
    void smallKernelBuffers() throws IOException {
        ((SocketChannel) client.writer().getExtraInfo("socket")).setOption(StandardSocketOptions.SO_SNDBUF, 65536);
        ((SocketChannel) served.writer().getExtraInfo("socket")).setOption(StandardSocketOptions.SO_RCVBUF, 65536);
    }

    /** Closes both ends and the server, and waits until all is closed. */
    @Async
    void close() {
        client.writer().abort();
        served.writer().abort();
        server.close();
        server.waitClosed();
    }
}
