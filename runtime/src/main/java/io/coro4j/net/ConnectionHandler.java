package io.coro4j.net;

import io.coro4j.Async;

/**
 * What a server does with each connection (asyncio's {@code client_connected_cb}): a lambda or a method
 * reference works as one. Each connection runs it as a task of its own; when it returns or throws, the
 * connection's writer is closed (what was written is still sent). An exception it throws goes to the
 * loop's exception handler, naming the peer, and stops no other connection.
 */
@FunctionalInterface
public interface ConnectionHandler {
    @Async
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
