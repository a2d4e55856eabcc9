package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.net.Connection;
import io.coro4j.net.Server;
import io.coro4j.net.Streams;
import io.coro4j.sync.Queue;
import io.coro4j.sync.Semaphore;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP/1.1 client that fetches many paths at once from {@link HttpServerExample}'s server: a task per
 * path, a {@link Semaphore} so that at most three requests are in flight, a timeout per request
 * ({@link Coro#withTimeout}), and keep-alive connections kept in a pool for the next request.
 *
 * <p>asyncio's way, which this follows:
 * <pre>{@code
 * async def fetch(path):
 *     async with permits:                        # at most 3 at once
 *         async with asyncio.timeout(5):         # each request has 5 seconds
 *             return await get(path)
 *
 * results = await asyncio.gather(*(fetch(p) for p in paths))
 * }</pre>
 *
 * <p>The demo also shows a request that takes too long (its connection is dropped, since its response
 * may still come), and what the server answers to a request it cannot parse and to a head too large.
 */
public final class HttpClientExample {
    private HttpClientExample() {}

    /** At most this many requests in flight at once. */
    static final int MAX_IN_FLIGHT = 3;
    /** The deadline of each request of the demo's batch: generous, so that a loaded machine answers in time. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The deadline of the demo's request for {@code /slow}, which the server answers in 10 s. */
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);

    /** A response: its status, reason and body, and whether the server keeps the connection open. */
    record Response(int status, String reason, String body, boolean keepAlive) {}

    /** The client: a pool of keep-alive connections to one server, and the semaphore that bounds them. */
    static final class Client {
        private final int port;
        private final Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
        /** Open connections no request uses now. */
        private final Queue<Connection> idle = new Queue<>();
        int opened;
        int inFlight;
        int mostInFlight;

        Client(int port) {
            this.port = port;
        }

        /**
         * GETs {@code path} within {@code timeout}, once one of the permits is free, and returns a line
         * that says how it went.
         */
        @Async
        String fetch(String path, Duration timeout) throws IOException {
            // Waits here while MAX_IN_FLIGHT requests are in flight; the permit is released at the end of the block.
            try (var permit = permits.hold()) {
                inFlight++;
                mostInFlight = Math.max(mostInFlight, inFlight);
                // Each request gives its connection back (or drops it) before it releases its permit, so a
                // request with a permit finds an idle connection unless fewer than MAX_IN_FLIGHT are open.
                Connection connection = idle.isEmpty() ? open() : idle.getNowait();
                try {
                    Response response = Coro.withTimeout(timeout, () -> get(connection, path));
                    if (response.keepAlive()) {
                        idle.putNowait(connection); // for the next request
                    } else {
                        connection.writer().close(); // the server closes it after this response
                    }
                    return "GET " + path + " -> " + response.status() + " " + response.reason() + ": "
                            + response.body().strip();
                } catch (TimeoutException e) {
                    // Its response may still come: the connection cannot carry another request.
                    connection.writer().abort();
                    return "GET " + path + " -> no response within " + timeout.toMillis() + " ms";
                } catch (CompletionException e) { // the IOException of get(), wrapped by withTimeout
                    connection.writer().abort();
                    return "GET " + path + " -> failed: " + e.getCause().getMessage();
                } finally {
                    inFlight--;
                }
            }
        }

        @Async
        private Connection open() throws IOException {
            opened++;
            return Streams.openConnection("127.0.0.1", port);
        }

        /** Closes the idle connections. */
        @Async
        void close() throws IOException {
            while (!idle.isEmpty()) {
                Connection connection = idle.getNowait();
                connection.writer().close();
                connection.writer().waitClosed();
            }
        }
    }

    /** One request and its response on {@code connection}: the body is read by its {@code Content-Length}. */
    @Async
    static Response get(Connection connection, String path) throws IOException {
        connection.writer().write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        connection.writer().drain();
        String[] head = new String(connection.reader().readuntil(HttpServerExample.END_OF_HEAD),
                StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = head[0].split(" ", 3);
        Map<String, String> headers = HttpServerExample.headers(head);
        if (statusLine.length < 3 || headers == null || !headers.containsKey("content-length")) {
            throw new ProtocolException("not a response this client understands: " + head[0]);
        }
        byte[] body = connection.reader().readexactly(Integer.parseInt(headers.get("content-length")));
        return new Response(Integer.parseInt(statusLine[1]), statusLine[2], new String(body, StandardCharsets.UTF_8),
                !"close".equalsIgnoreCase(headers.get("connection")));
    }

    /** Sends {@code request} as it is on a new connection and returns the status line of the answer. */
    @Async
    static String statusLineFor(int port, String request) throws IOException {
        Connection connection = Streams.openConnection("127.0.0.1", port);
        try {
            connection.writer().write(request);
            connection.writer().drain();
            return new String(connection.reader().readline(), StandardCharsets.ISO_8859_1).strip();
        } finally {
            connection.writer().close();
            connection.writer().waitClosed();
        }
    }

    @Async
    static void main() throws Exception {
        Server server = HttpServerExample.start(0);
        Client client = new Client(server.port());
        List<String> paths = List.of("/", "/hello/alice", "/hello/bob", "/missing", "/hello/carol",
                "/hello/dave", "/nothing/here", "/hello/erin");
        System.out.println("fetching " + paths.size() + " paths, at most " + MAX_IN_FLIGHT + " at once, "
                + TIMEOUT.toMillis() + " ms each");

        // A task per path; gather returns their results in the order of the paths, whatever order they ended in.
        List<Task<String>> fetches = new ArrayList<>();
        for (String path : paths) {
            fetches.add(Coro.createTask(() -> client.fetch(path, TIMEOUT)));
        }
        for (String result : Coro.gather(fetches)) {
            System.out.println(result);
        }
        System.out.println(paths.size() + " requests, at most " + client.mostInFlight + " at once, over "
                + client.opened + " connections (keep-alive)");

        // The server takes 10 s on /slow: the client gives up sooner.
        System.out.println(client.fetch("/slow", SHORT_TIMEOUT));

        // What the server answers to requests it refuses.
        System.out.println("a malformed request line -> "
                + statusLineFor(server.port(), "HELLO\r\n\r\n"));
        System.out.println("a 10 KB header -> "
                + statusLineFor(server.port(), "GET / HTTP/1.1\r\nX-Padding: " + "x".repeat(10_000) + "\r\n\r\n"));

        client.close();
        server.close();
        // The handler still sleeping in /slow holds its connection open: close it rather than wait.
        server.closeClients();
        server.waitClosed();
        System.out.println("done; connections open on the server: " + server.connectionCount());
    }

    public static void main(String[] args) {
        Coro.run((AsyncRunnable) HttpClientExample::main);
    }
}
