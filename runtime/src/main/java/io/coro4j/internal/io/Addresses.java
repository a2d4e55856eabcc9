package io.coro4j.internal.io;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
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
            InetAddress ip = inet.getAddress();
            String host = ip instanceof Inet6Address ? "[" + ipv6(ip.getAddress()) + "]"
                    : ip != null ? ip.getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        if (address instanceof UnixDomainSocketAddress) {
            String path = ((UnixDomainSocketAddress) address).getPath().toString();
            return path.isEmpty() ? "an unnamed Unix socket" : path;
        }
        return String.valueOf(address);
    }

    /** An IPv6 address in its short form (RFC 5952): {@code ::1}, {@code fe80::1}. */
    static String ipv6(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1; // only a run of two or more zero groups is shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
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
