package io.coro4j.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One datagram received by a {@link DatagramEndpoint}: its bytes and who sent it (asyncio's
 * {@code datagram_received(data, addr)} arguments).
 *
 * @param data the datagram's bytes (the array is the receiver's: nothing else holds it)
 * @param sender the address it came from; {@link DatagramEndpoint#send(byte[], java.net.SocketAddress)}
 *     answers there
 */
public record Datagram(byte[] data, InetSocketAddress sender) {
    public Datagram {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public String toString() {
        return "Datagram[" + data.length + " bytes from " + io.coro4j.internal.io.Addresses.describe(sender) + "]";
    }
}
