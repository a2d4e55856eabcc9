package io.coro4j.netbench;

import org.HdrHistogram.Histogram;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The echo benchmark's load client: N connections to one server, driven by one thread on one NIO
 * selector, closed loop: each connection sends a message, waits for the whole echo, checks every byte of
 * it against what it sent, records the round trip's latency, and sends the next.
 *
 * <p>It allocates nothing per message (so that its own collector never runs during a window): each
 * connection has two slices of one direct buffer, one to send and one to receive into; a message is the
 * connection's fixed random payload with its number and the connection's in the first 12 bytes; the
 * selector hands ready keys to one consumer ({@link Selector#select(Consumer, long)}, no selected-key
 * set); latencies go to an HdrHistogram, whose recording does not allocate. {@link RunResult} reports the
 * bytes it did allocate per request, and the CPU the client thread and process used, so that a run shows
 * whether the client, rather than the server, was the limit.
 *
 * <p>Use: {@link #open} the connections, then one of {@link #closedLoop} (warm-up, then a timed window),
 * {@link #requests} (a fixed number of messages: the smoke test) or {@link #echoOnceEach} (one round trip
 * per connection, then idle: the heap measurement); {@link #close} closes them all. Not thread-safe: one
 * thread drives it.
 */
public final class LoadClient implements AutoCloseable {
    /** The benchmark's message size. */
    public static final int DEFAULT_MESSAGE_BYTES = 1024;
    /** A message starts with its number (8 bytes) and its connection's number (4 bytes). */
    static final int HEADER_BYTES = 12;
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** Connects in flight at once, so that a burst of 10,000 does not overflow the server's backlog. */
    static final int MAX_PENDING_CONNECTS = 100;
    /** Latencies above this are recorded as this. */
    static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long the echoes still in flight after a window may take before they count as lost. */
    static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final InetSocketAddress server;
    private final int messageBytes;
    private final Selector selector;
    private final Connection[] connections;
    private final ByteBuffer memory;
    private final Histogram latency = new Histogram(HIGHEST_LATENCY_NANOS, 3);
    private final Consumer<SelectionKey> onReady = this::ready;

    // connecting
    private int opened;
    private int connected;
    private int pendingConnects;
    private IOException connectFailure;

    // the current run; see reset()
    private boolean sending;
    private boolean stopAfterOneEcho;
    private long maxRequests;
    private long issued;
    private long inFlight;
    private long completed;
    private long windowStart;
    private long windowEnd;
    private long completedInWindow;
    private long bytesChecked;
    private long errors;
    private String firstError;

    private LoadClient(InetSocketAddress server, int connectionCount, int messageBytes) throws IOException {
        this.server = server;
        this.messageBytes = messageBytes;
        this.connections = new Connection[connectionCount];
        this.memory = ByteBuffer.allocateDirect(Math.multiplyExact(2 * messageBytes, connectionCount));
        this.selector = Selector.open();
    }

    /**
     * Opens {@code connectionCount} connections to {@code server} (at most {@value #MAX_PENDING_CONNECTS}
     * connecting at once), with TCP_NODELAY. Fails, with every connection closed, if one cannot connect or
     * they are not all connected within {@code timeout}.
     */
    public static LoadClient open(InetSocketAddress server, int connectionCount, int messageBytes,
                                  Duration timeout) throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(timeout, "timeout");
        if (connectionCount < 1) {
            throw new IllegalArgumentException("connectionCount must be at least 1, got " + connectionCount);
        }
        if (messageBytes < HEADER_BYTES || messageBytes > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("messageBytes must be between " + HEADER_BYTES + " and "
                    + MAX_MESSAGE_BYTES + ", got " + messageBytes);
        }
        LoadClient client = new LoadClient(server, connectionCount, messageBytes);
        try {
            client.connectAll(System.nanoTime() + timeout.toNanos());
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    public int connectionCount() {
        return connections.length;
    }

    private void connectAll(long deadline) throws IOException {
        while (connected < connections.length) {
            while (pendingConnects < MAX_PENDING_CONNECTS && opened < connections.length) {
                openOne(opened++);
            }
            if (connected == connections.length) {
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("only " + connected + " of " + connections.length + " connections to "
                        + server + " were established in time: is the server accepting?");
            }
            selector.select(onReady, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (connectFailure != null) {
                throw connectFailure;
            }
        }
    }

    private void openOne(int id) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer out = memory.slice(2 * id * messageBytes, messageBytes);
            ByteBuffer in = memory.slice((2 * id + 1) * messageBytes, messageBytes);
            Connection c = new Connection(id, channel, out, in);
            connections[id] = c;
            if (channel.connect(server)) {
                c.key = channel.register(selector, 0, c);
                connected++;
            } else {
                c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
                c.interest = SelectionKey.OP_CONNECT;
                pendingConnects++;
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the closed loop on every connection: {@code warmup} without measuring, then a window of
     * {@code window} in which completed echoes are counted and their latencies recorded, then lets the
     * echoes in flight come back (each is checked; one that does not come back within 10 s is an error).
     * {@code serverPid}, when positive, is the server's process, whose CPU time over the window the result
     * reports (from {@code /proc/PID/stat}, in ticks of {@code clockTicksPerSecond}).
     */
    public RunResult closedLoop(Duration warmup, Duration window, long serverPid, int clockTicksPerSecond)
            throws IOException {
        reset(Long.MAX_VALUE, false);
        long start = System.nanoTime();
        windowStart = start + warmup.toNanos();
        windowEnd = windowStart + window.toNanos();
        startAll();
        pumpUntil(windowStart, false);
        CpuSample before = CpuSample.opening(serverPid);
        pumpUntil(windowEnd, false);
        CpuSample after = CpuSample.closing(serverPid);
        sending = false;
        drain();
        return result(window.toNanos(), before, after, clockTicksPerSecond);
    }

    /**
     * Sends {@code total} messages, spread over the connections as their echoes come back, and waits for
     * every echo; every one is measured. Fails if they do not all come back within {@code timeout}.
     */
    public RunResult requests(long total, Duration timeout) throws IOException {
        if (total < 1) {
            throw new IllegalArgumentException("total must be at least 1, got " + total);
        }
        reset(total, false);
        long start = System.nanoTime();
        windowStart = start;
        windowEnd = start + timeout.toNanos();
        CpuSample before = CpuSample.opening(0);
        startAll();
        pumpUntil(windowEnd, true);
        CpuSample after = CpuSample.closing(0);
        if (inFlight > 0 || issued < total) {
            throw new IOException("only " + completed + " of " + total + " echoes came back within " + timeout
                    + describeErrors());
        }
        return result(after.wallNanos - before.wallNanos, before, after, 100);
    }

    /**
     * Each connection sends one message and checks its echo, then the connection goes quiet (the server
     * has accepted and served it, and holds it idle). Fails if an echo is wrong or missing after
     * {@code timeout}.
     */
    public void echoOnceEach(Duration timeout) throws IOException {
        reset(connections.length, true);
        windowStart = System.nanoTime();
        windowEnd = windowStart + timeout.toNanos();
        startAll();
        pumpUntil(windowEnd, true);
        if (errors > 0 || completed < connections.length) {
            throw new IOException(completed + " of " + connections.length + " connections got their echo within "
                    + timeout + describeErrors());
        }
    }

    private String describeErrors() {
        return errors == 0 ? "" : "; " + errors + " errors, the first: " + firstError;
    }

    private void reset(long maxRequests, boolean stopAfterOneEcho) {
        this.maxRequests = maxRequests;
        this.stopAfterOneEcho = stopAfterOneEcho;
        sending = true;
        issued = 0;
        inFlight = 0;
        completed = 0;
        completedInWindow = 0;
        bytesChecked = 0;
        errors = 0;
        firstError = null;
        latency.reset();
    }

    private void startAll() throws IOException {
        for (Connection c : connections) {
            if (!c.failed && issued < maxRequests) {
                send(c);
            }
        }
    }

    /** Selects until {@code until} (a nanoTime), or, with {@code orIdle}, until nothing is in flight. */
    private void pumpUntil(long until, boolean orIdle) throws IOException {
        while (true) {
            if (orIdle && inFlight == 0) {
                return;
            }
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            // a wait in whole milliseconds, rounded up, so that a window ends late by under 1 ms
            selector.select(onReady, Math.max(1, (left + 999_999) / 1_000_000));
        }
    }

    private void drain() throws IOException {
        pumpUntil(System.nanoTime() + DRAIN_NANOS, true);
        if (inFlight > 0) {
            error(inFlight + " echoes never came back (10 s after the window)");
            errors += inFlight - 1;
        }
    }

    private void ready(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            int ops = key.readyOps();
            if ((ops & SelectionKey.OP_CONNECT) != 0) {
                finishConnect(c);
                return;
            }
            if ((ops & SelectionKey.OP_WRITE) != 0) {
                writeMore(c);
            }
            if ((ops & SelectionKey.OP_READ) != 0) {
                readMore(c);
            }
        } catch (IOException e) {
            if (c.interest == SelectionKey.OP_CONNECT && connectFailure == null) {
                connectFailure = new IOException("cannot connect to " + server + ": " + e.getMessage(), e);
            }
            fail(c, "connection " + c.id + ": " + e);
        }
    }

    private void finishConnect(Connection c) throws IOException {
        c.channel.finishConnect();
        interest(c, 0);
        pendingConnects--;
        connected++;
    }

    private void send(Connection c) throws IOException {
        c.seq++;
        ByteBuffer out = c.out;
        out.putLong(0, c.seq);
        out.clear();
        c.in.clear();
        issued++;
        inFlight++;
        c.awaiting = true;
        c.sentAt = System.nanoTime();
        writeMore(c);
    }

    private void writeMore(Connection c) throws IOException {
        ByteBuffer out = c.out;
        while (out.hasRemaining() && c.channel.write(out) > 0) {
            // the socket took part of it; try the rest
        }
        interest(c, out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void readMore(Connection c) throws IOException {
        ByteBuffer in = c.in;
        int n;
        do {
            n = c.channel.read(in);
        } while (n > 0 && in.hasRemaining());
        if (n < 0) {
            throw new EOFException("the server closed the connection after " + in.position() + " of "
                    + messageBytes + " bytes of message " + c.seq + "'s echo");
        }
        if (in.hasRemaining()) {
            return;
        }
        long now = System.nanoTime();
        c.awaiting = false;
        inFlight--;
        in.flip();
        ByteBuffer out = c.out;
        out.clear();
        int at = in.mismatch(out);
        if (at >= 0) {
            fail(c, String.format("connection %d, message %d: echoed byte %d of %d is 0x%02x, sent 0x%02x",
                    c.id, c.seq, at, messageBytes, in.get(at) & 0xff, out.get(at) & 0xff));
            return;
        }
        completed++;
        bytesChecked += messageBytes;
        if (now - windowStart >= 0 && now - windowEnd < 0) {
            completedInWindow++;
            latency.recordValue(Math.min(now - c.sentAt, HIGHEST_LATENCY_NANOS));
        }
        if (stopAfterOneEcho) {
            interest(c, 0);
        } else if (sending && issued < maxRequests) {
            send(c);
        }
    }

    private void interest(Connection c, int ops) {
        if (c.interest != ops) {
            c.key.interestOps(ops);
            c.interest = ops;
        }
    }

    /** Counts an error and takes the connection out of the run: its stream can no longer be trusted. */
    private void fail(Connection c, String what) {
        error(what);
        if (!c.failed) {
            c.failed = true;
            if (c.interest == SelectionKey.OP_CONNECT) {
                pendingConnects--;
            } else if (c.awaiting) {
                c.awaiting = false;
                inFlight--; // its message will never be echoed now
            }
            c.key.cancel();
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    private RunResult result(long windowNanos, CpuSample before, CpuSample after, int clockTicksPerSecond) {
        double seconds = windowNanos / 1e9;
        double wall = (after.wallNanos - before.wallNanos) / 1e9;
        double serverCpu = before.serverTicks < 0 || after.serverTicks < 0 ? -1
                : (after.serverTicks - before.serverTicks) / (double) clockTicksPerSecond / wall;
        return new RunResult(
                connections.length, messageBytes, seconds, completedInWindow, completedInWindow / seconds,
                latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getValueAtPercentile(99.9) / 1e3, latency.getMaxValue() / 1e3,
                bytesChecked, errors, firstError,
                (after.threadCpuNanos - before.threadCpuNanos) / 1e9 / wall,
                (after.processCpuNanos - before.processCpuNanos) / 1e9 / wall,
                serverCpu,
                completedInWindow == 0 ? 0 : (after.allocatedBytes - before.allocatedBytes) / (double) completedInWindow);
    }

    /** Closes every connection and the selector. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Connection c : connections) {
            if (c != null) {
                try {
                    c.channel.close();
                } catch (IOException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        // closing the selector deregisters the channels, which lets their sockets close now
        selector.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** One connection's state; its buffers are slices of the client's one direct buffer. */
    static final class Connection {
        final int id;
        final SocketChannel channel;
        final ByteBuffer out;
        final ByteBuffer in;
        SelectionKey key;
        int interest;
        long seq;
        long sentAt;
        /** A message was sent and its whole echo has not come back yet. */
        boolean awaiting;
        boolean failed;

        Connection(int id, SocketChannel channel, ByteBuffer out, ByteBuffer in) {
            this.id = id;
            this.channel = channel;
            this.out = out;
            this.in = in;
            SplittableRandom random = new SplittableRandom(0x5eedc0deL * 31 + id);
            for (int i = HEADER_BYTES; i < out.capacity(); i++) {
                out.put(i, (byte) random.nextInt(256));
            }
            out.putInt(8, id);
        }
    }
}
