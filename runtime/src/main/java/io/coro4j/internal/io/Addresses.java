package io.coro4j.internal.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/**
 * Socket addresses as messages and the task dump write them: {@code 127.0.0.1:53412}, {@code [::1]:8080}
 * (never {@code InetSocketAddress}'s {@code /127.0.0.1:53412} or {@code localhost/127.0.0.1:8080}), a Unix
 * socket's path.
 */
public final class Addresses {
    private Addresses() {}

    /** {@code address} as {@code host:port} with the numeric host, or a Unix socket's path. */
    public static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress inet = (InetSocketAddress) address;
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            if (host.indexOf(':') >= 0) {
                int zone = host.indexOf('%');
                host = "[" + (zone >= 0 ? host.substring(0, zone) : host) + "]";
            }
            return host + ":" + inet.getPort();
        }
        if (address instanceof UnixDomainSocketAddress) {
            String path = ((UnixDomainSocketAddress) address).getPath().toString();
            return path.isEmpty() ? "an unnamed Unix socket" : path;
        }
        return String.valueOf(address);
    }

    /** The peer of a connected socket, described; what it was connecting to while a connect is pending. */
    public static String peerOf(SelectableChannel channel) {
        if (channel instanceof SocketChannel) {
            try {
                SocketAddress remote = ((SocketChannel) channel).getRemoteAddress();
                if (remote != null) {
                    return describe(remote);
                }
            } catch (IOException e) {
                // closed: fall through to the channel's own words
            }
        }
        return localOf(channel);
    }

    /** The local address of a socket or server socket, described; the channel itself when it has none. */
    public static String localOf(SelectableChannel channel) {
        if (channel instanceof NetworkChannel) {
            try {
                SocketAddress local = ((NetworkChannel) channel).getLocalAddress();
                if (local != null) {
                    return describe(local);
                }
            } catch (IOException e) {
                // closed
            }
        }
        return String.valueOf(channel);
    }
}
