package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.ExceptionContext;
import io.coro4j.Task;
import io.coro4j.internal.io.Transport;
import io.coro4j.internal.io.TransportListener;
import io.coro4j.internal.task.DelegatingBody;

import java.util.function.Consumer;

/**
 * One connection of a {@link Server}: the body of its handler's task, that task's done callback, the
 * listener of its transport, and its node in the server's list of connections. One object for the four
 * jobs, so that an idle connection costs as little as it can.
 *
 * <pre>
 *   accepted: linked, task started --(TLS: the handshake, which may close it)--handler returns or throws--&gt; done callback: failure reported, writer
 *      |                                                          closed (what was written is still sent)
 *      +--the transport reaches CLOSED (closed, aborted, lost; before or after the handler's end)--&gt;
 *         unlinked from the server, which counts one connection less
 * </pre>
 *
 * With TLS, the task does the server's handshake before the handler; a handshake that fails or times out
 * closes the connection, and the handler never runs (asyncio logs it only in debug mode; here at DEBUG).
 */
final class ServerConnection implements AsyncRunnable, Consumer<Task<Void>>, TransportListener, DelegatingBody {
    private final Server server;
    private final ConnectionHandler handler;
    final StreamReader reader;
    final StreamWriter writer;
    /** The server's list of open connections (see {@link Server}). */
    ServerConnection previous;
    ServerConnection next;

    ServerConnection(Server server, ConnectionHandler handler, StreamReader reader, StreamWriter writer) {
        this.server = server;
        this.handler = handler;
        this.reader = reader;
        this.writer = writer;
    }

    /** The handler's task. */
    @Async
    @Override
    public void run() throws Exception {
        TlsOptions tls = server.options().tls();
        if (tls != null && !writer.serverHandshake(tls.handshakeTimeout())) {
            return; // the connection is closed; the handler never sees it
        }
        handler.handle(reader, writer);
    }

    /** The handler: the task's repr names it, and where it stands (not this class's frame around it). */
    @Override
    public Object coroutine() {
        return handler;
    }

    /** The handler's task is done: a failure is reported (asyncio: "Unhandled exception in client_connected_cb"). */
    @Override
    public void accept(Task<Void> task) {
        if (!task.isCancelled()) {
            Throwable failure = task.exception();
            if (failure != null) {
                server.loop().callExceptionHandler(ExceptionContext.of("Unhandled exception in the connection"
                        + " handler for " + writer.peer() + " (a client of " + server + ")", failure)
                        .with(ExceptionContext.TASK, task));
            }
        }
        writer.closeConnection(false); // not the user's close(): a task the handler left writing sees a lost connection
    }

    @Override
    public void transportClosed(Transport transport) {
        server.detach(this);
    }

    @Override
    public String toString() {
        return "connection with " + writer.peer();
    }
}
