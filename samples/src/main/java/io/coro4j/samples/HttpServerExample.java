package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.net.IncompleteReadException;
import io.coro4j.net.LimitOverrunException;
import io.coro4j.net.Server;
import io.coro4j.net.StreamOptions;
import io.coro4j.net.StreamReader;
import io.coro4j.net.StreamWriter;
import io.coro4j.net.Streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 server on streams: GET only, a {@code Content-Length} on every response, keep-alive
 * (many requests on one connection, until the client asks to close or closes), 404 for an unknown path,
 * 400 for a request line it cannot parse, and 431 for a request head larger than 8 KiB.
 *
 * <p>The request head is read with one {@code readuntil("\r\n\r\n")}. The reader's limit
 * ({@link StreamOptions#limit}) bounds how far it looks for the separator: a client that sends an endless
 * header gets {@link LimitOverrunException} at 8 KiB instead of making the server buffer it all.
 *
 * <p>{@link HttpClientExample} fetches from it. With a port as its argument, the program only serves,
 * until it is stopped: {@code curl -v http://127.0.0.1:PORT/hello/you}.
 */
public final class HttpServerExample {
    private HttpServerExample() {}

    /** The largest request head the server reads: the reader's limit. */
    static final int MAX_HEAD_BYTES = 8 * 1024;
    /** The server's stream options: asyncio's defaults, with the reader's limit at {@link #MAX_HEAD_BYTES}. */
    static final StreamOptions OPTIONS = StreamOptions.defaults().limit(MAX_HEAD_BYTES);
    /** How long {@code /slow} takes to answer. */
    static final Duration SLOW = Duration.ofSeconds(10);

    static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]+) (/\\S*) HTTP/1\\.([01])");

    /** Starts the server on {@code port} of 127.0.0.1 (0: a free port, which {@link Server#port()} tells). */
    @Async
    static Server start(int port) throws IOException {
        return Streams.startServer(HttpServerExample::handle, "127.0.0.1", port, OPTIONS);
    }

    /** The connection handler: serves requests one after the other until the connection should close. */
    @Async
    static void handle(StreamReader reader, StreamWriter writer) throws IOException {
        boolean keepAlive = true;
        while (keepAlive) {
            String[] head;
            try {
                head = new String(reader.readuntil(END_OF_HEAD), StandardCharsets.ISO_8859_1).split("\r\n");
            } catch (IncompleteReadException e) {
                return; // the client closed the connection, between two requests (or in the middle of one)
            } catch (LimitOverrunException e) {
                respond(writer, 431, "Request Header Fields Too Large", "the request head is over "
                        + MAX_HEAD_BYTES + " bytes\n", false);
                return;
            }
            Matcher requestLine = REQUEST_LINE.matcher(head[0]);
            Map<String, String> headers = headers(head);
            if (!requestLine.matches() || headers == null) {
                respond(writer, 400, "Bad Request", "cannot parse the request\n", false);
                return;
            }
            // HTTP/1.1 keeps the connection open unless asked to close; HTTP/1.0 closes unless asked to keep it.
            String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
            keepAlive = requestLine.group(3).equals("1") ? !connection.equals("close") : connection.equals("keep-alive");
            if (!requestLine.group(1).equals("GET")) {
                respond(writer, 405, "Method Not Allowed", "only GET is served here\n", false);
                return;
            }
            String path = requestLine.group(2);
            if (path.equals("/")) {
                respond(writer, 200, "OK", "hello from coro4j\n", keepAlive);
            } else if (path.startsWith("/hello/")) {
                respond(writer, 200, "OK", "hello, " + path.substring("/hello/".length()) + "\n", keepAlive);
            } else if (path.equals("/slow")) {
                Coro.sleep(SLOW); // a slow backend: only this connection waits, the others are served meanwhile
                respond(writer, 200, "OK", "sorry for the wait\n", keepAlive);
            } else {
                respond(writer, 404, "Not Found", "no page at " + path + "\n", keepAlive);
            }
        }
    }

    /**
     * The headers of a request or response head (its lines after the first), by lower-case name; null when
     * a line is not {@code Name: value}.
     */
    static Map<String, String> headers(String[] head) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon <= 0) {
                return null;
            }
            headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        return headers;
    }

    /** Writes one response with its {@code Content-Length}, and waits while the write buffer is full. */
    @Async
    private static void respond(StreamWriter writer, int status, String reason, String body, boolean keepAlive)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        writer.write("HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "\r\n");
        writer.write(bytes);
        writer.drain();
        // When the handler returns, the server closes the connection, once what was written is sent.
    }

    /** Serves on the port given (8080 when none), until the program is stopped. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Coro.run(() -> {
            Server server = start(port);
            System.out.println("HTTP server on http://127.0.0.1:" + server.port() + "/");
            server.serveForever();
        });
    }
}
