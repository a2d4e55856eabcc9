package io.coro4j.netbench.vt;

import io.coro4j.netbench.ServerProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The virtual-thread peer: blocking sockets, a virtual thread per connection, as JEP 444 writes a
 * server: {@code Executors.newVirtualThreadPerTaskExecutor()}, a {@code ServerSocket} accepting in a
 * virtual thread, each connection reading into its own 8 KiB array and writing back what it read.
 * {@code run.sh} starts it on JDK 25 with one carrier thread
 * ({@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1}).
 *
 * <p>The array is what a blocking read needs while it waits, so it is part of every idle connection's
 * retained heap (with the thread's stack chunk and the executor's entry for the thread); 8 KiB is the
 * JDK's own default for buffered streams.
 *
 * <p>Run: {@code java -cp netbench.jar io.coro4j.netbench.vt.VirtualThreadEchoServer HOST PORT} (see
 * {@link ServerProcess} for the contract). Compiled only by a build on JDK 21 or later.
 */
public final class VirtualThreadEchoServer implements AutoCloseable {
    static final int BACKLOG = 4096;
    static final int BUFFER_BYTES = 8192;

    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private VirtualThreadEchoServer(ServerSocket listener) {
        this.listener = listener;
    }

    /** Binds {@code host:port} (0: a free port) and serves until {@link #close}. */
    public static VirtualThreadEchoServer start(String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(host, port), BACKLOG);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        VirtualThreadEchoServer server = new VirtualThreadEchoServer(listener);
        server.threads.execute(server::accept);
        return server;
    }

    /** The bound port. */
    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (true) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                // a connection that failed while being accepted, or no descriptor left (EMFILE): the
                // listener is fine; a short pause, so that a lasting failure does not spin
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    return; // close() interrupts the threads
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                threads.execute(() -> echo(socket));
            } catch (IOException | RuntimeException e) {
                closeQuietly(socket); // the executor is shutting down, or the socket already failed
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // a reset, or the server closing: this connection ends, the others go on
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed: nothing left to do
        }
    }

    /**
     * Closes the listener, interrupts every connection's thread (an interrupted virtual thread blocked on
     * a socket closes that socket) and waits for them, 5 s at most.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        threads.shutdownNow();
        if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
            throw new IOException("the echo threads did not end within 5 s of being interrupted");
        }
    }

    public static void main(String[] args) throws Exception {
        ServerProcess.Address address = ServerProcess.address(
                "io.coro4j.netbench.vt.VirtualThreadEchoServer", args);
        try (VirtualThreadEchoServer server = start(address.host(), address.port())) {
            ServerProcess.announce(address.host(), server.port());
            ServerProcess.serveCommands(System.in, System.out);
        }
    }
}
