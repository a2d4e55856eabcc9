package io.coro4j.internal.io;

/** Told when a {@link Transport} reaches CLOSED (a server counts its connections so). */
@FunctionalInterface
public interface TransportListener {
    /** Called once, on the loop thread, inside the call that closed the transport: it must only schedule. */
    void transportClosed(Transport transport);
}
