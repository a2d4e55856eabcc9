package io.coro4j.net;

/**
 * An open connection's two streams, what {@link Streams#openConnection} returns (asyncio's
 * {@code (reader, writer)} pair).
 *
 * @param reader what the peer sends
 * @param writer what goes to the peer; closing it closes the connection
 */
public record Connection(StreamReader reader, StreamWriter writer) {}
