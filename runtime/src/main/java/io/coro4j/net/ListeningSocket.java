package io.coro4j.net;

import io.coro4j.ExceptionContext;
import io.coro4j.internal.io.Addresses;
import io.coro4j.internal.loop.IoRegistration;
import io.coro4j.internal.loop.LoopCore;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One listening socket of a {@link Server}, registered with the loop's selector, its own reader callback
 * (asyncio's {@code _accept_connection}): at each turn it has connections, it accepts up to the backlog of
 * them and hands each to the server. When accepting fails (out of file descriptors, typically) it says
 * so to the loop's exception handler and stops accepting for a second, as asyncio does, rather than spin.
 */
final class ListeningSocket extends IoRegistration implements Runnable {
    /** asyncio's {@code ACCEPT_RETRY_DELAY}. */
    static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

    private final Server server;
    private final ServerSocketChannel channel;
    final SocketAddress address;

    ListeningSocket(LoopCore loop, Server server, ServerSocketChannel channel) throws IOException {
        super(loop, channel, true);
        this.server = server;
        this.channel = channel;
        this.address = channel.getLocalAddress();
    }

    /** Starts accepting: this is the channel's reader. */
    void startAccepting() throws ClosedChannelException {
        if (channel.isOpen() && reader() != this) {
            setReader(this);
        }
    }

    /** The channel has connections to accept. */
    @Override
    public void run() {
        for (int i = server.options().backlog(); i > 0 && channel.isOpen(); i--) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (IOException e) {
                clearReader(this);
                loop.callExceptionHandler(ExceptionContext.of("accepting a connection on "
                        + Addresses.describe(address) + " failed (" + e.getMessage() + "): the server accepts"
                        + " again in " + ACCEPT_RETRY_DELAY.toMillis() + " ms", e));
                loop.callLater(ACCEPT_RETRY_DELAY, this::retry);
                return;
            }
            if (accepted == null) {
                return;
            }
            server.connectionMade(accepted);
        }
    }

    private void retry() {
        if (server.isServing()) {
            try {
                startAccepting();
            } catch (ClosedChannelException e) {
                // closed meanwhile
            }
        }
    }

    /** Stops listening: the channel is closed. */
    void close() {
        clearReader(this);
        try {
            channel.close();
        } catch (IOException e) {
            // closed either way
        }
    }
}
