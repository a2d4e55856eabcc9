package io.coro4j.netbench;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.net.Server;
import io.coro4j.net.StreamOptions;
import io.coro4j.net.StreamReader;
import io.coro4j.net.StreamWriter;
import io.coro4j.net.Streams;

/**
 * coro4j's echo server, written as a user writes one with the streams API, the handler the same as the
 * asyncio peer's: read what is there (up to 64 KiB), write it, drain. One event loop, on the main thread.
 * Like every server here, it listens with a backlog of 4096.
 *
 * <p>Run: {@code java -javaagent:coro4j-agent.jar -cp netbench.jar io.coro4j.netbench.Coro4jEchoServer HOST
 * PORT} (see {@link ServerProcess} for the contract).
 */
public final class Coro4jEchoServer {
    private Coro4jEchoServer() {}

    public static void main(String[] args) {
        ServerProcess.Address address = ServerProcess.address("io.coro4j.netbench.Coro4jEchoServer", args);
        Coro.run(() -> {
            Server server = Streams.startServer(Coro4jEchoServer::echo, address.host(), address.port(),
                    StreamOptions.defaults().backlog(NettyEchoServer.BACKLOG));
            ServerProcess.announce(address.host(), server.port());
            ServerProcess.startCommandThread(System.in, System.out, () -> System.exit(0));
            server.serveForever();
        });
    }

    @Async
    static void echo(StreamReader reader, StreamWriter writer) throws Exception {
        try {
            for (byte[] data; (data = reader.read(65536)).length > 0; ) {
                writer.write(data);
                writer.drain();
            }
        } finally {
            writer.close();
        }
    }
}
