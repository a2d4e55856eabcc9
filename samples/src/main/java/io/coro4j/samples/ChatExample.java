package io.coro4j.samples;

import io.coro4j.Async;
import io.coro4j.AsyncRunnable;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.net.Connection;
import io.coro4j.net.Server;
import io.coro4j.net.StreamReader;
import io.coro4j.net.StreamWriter;
import io.coro4j.net.Streams;
import io.coro4j.sync.Queue;
import io.coro4j.sync.QueueFullException;
import io.coro4j.sync.QueueShutDownException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A chat server: each line a client sends goes to every other client. Each client has an outbox, a
 * {@link Queue} of lines for it, and a task of its own that sends what its outbox holds, so a client that
 * reads slowly delays nobody else: a broadcast only puts lines in queues, it never waits on a socket.
 *
 * <p>Per connection, two tasks:
 * <pre>
 *   "chat NAME" (the handler): reads NAME's lines, puts each in the others' outboxes
 *   "to NAME"   (the sender):  takes lines from NAME's outbox, writes them, drains
 * </pre>
 * A client that leaves (it closes its end, or its connection is lost) ends its handler's read loop: the
 * others are told, its outbox is shut down, and its sender ends once it has sent what was left.
 *
 * <p>The demo in {@link #main()} starts the server and three scripted clients, prints what each reads, and
 * prints a task dump while every client is connected: each handler task is shown "waiting to read from"
 * its client. With a port as its argument, the program only serves, until it is stopped; connect with
 * {@code nc 127.0.0.1 PORT}, send your name as the first line, then chat.
 */
public final class ChatExample {
    private ChatExample() {}

    /** The chat room: the outbox of every client, by name, in the order they joined. */
    static final class ChatRoom {
        /** Lines an outbox holds at most: a client this far behind misses lines rather than slow the room. */
        static final int OUTBOX_LINES = 100;

        private final Map<String, Queue<String>> outboxes = new LinkedHashMap<>();

        /** The connection handler: a task of its own per client. The client's first line is its name. */
        @Async
        void handle(StreamReader reader, StreamWriter writer) throws IOException {
            String name = text(reader.readline());
            if (name.isEmpty() || outboxes.containsKey(name)) {
                writer.write("* the name '" + name + "' is empty or taken: connect again with another\n");
                return; // the server closes the connection when its handler returns
            }
            // Names the handler's task after its client: the task dump and error reports show it.
            Coro.currentTask().setName("chat " + name);
            Queue<String> outbox = new Queue<>(OUTBOX_LINES);
            Task<Void> sender = Coro.createTask(() -> send(outbox, writer), "to " + name);
            outbox.putNowait(outboxes.isEmpty() ? "* welcome, " + name + "! nobody else is here"
                    : "* welcome, " + name + "! here: " + String.join(", ", outboxes.keySet()));
            broadcast("* " + name + " joined", name);
            outboxes.put(name, outbox);
            try {
                // An empty array is the end of the stream: the client closed its end.
                for (byte[] line; (line = reader.readline()).length > 0; ) {
                    broadcast(name + ": " + text(line), name);
                }
            } catch (IOException e) {
                // The connection was lost (reset by the peer, a line past the reader's limit): the client
                // has left all the same.
            } finally {
                outboxes.remove(name);
                broadcast("* " + name + " left", name);
                // The sender sends what the outbox still holds, then gets QueueShutDownException and ends.
                outbox.shutdown();
            }
            sender.join();
        }

        /** Puts {@code message} in every outbox but {@code from}'s, never waiting: a full outbox misses it. */
        private void broadcast(String message, String from) {
            for (Map.Entry<String, Queue<String>> client : outboxes.entrySet()) {
                if (client.getKey().equals(from)) {
                    continue;
                }
                try {
                    client.getValue().putNowait(message);
                } catch (QueueFullException e) {
                    // that client is OUTBOX_LINES behind: it misses this line, the others do not wait for it
                }
            }
        }

        /** The sender task of one client: writes each line of its outbox, until the outbox is shut down. */
        @Async
        static void send(Queue<String> outbox, StreamWriter writer) {
            try {
                while (true) {
                    String message = outbox.get(); // waits while the outbox is empty
                    writer.write(message + "\n");
                    writer.drain(); // waits while this client is slow to read; the others go on
                }
            } catch (QueueShutDownException e) {
                // the client left, and every line for it was written
            } catch (IOException e) {
                // the connection is lost: the handler notices too, at its next read
            }
        }
    }

    /** The text of a line, without its line end. */
    static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8).stripTrailing();
    }

    /** A scripted client of the demo: it prints what it does and each line it reads. */
    static final class Client {
        final String name;
        final Connection connection;

        private Client(String name, Connection connection) {
            this.name = name;
            this.connection = connection;
        }

        /** Connects, sends the name, and reads the welcome. */
        @Async
        static Client join(String name, int port) throws IOException {
            Connection connection = Streams.openConnection("127.0.0.1", port);
            InetSocketAddress local = (InetSocketAddress) connection.writer().getExtraInfo("sockname");
            System.out.println(name + " joins from 127.0.0.1:" + local.getPort());
            Client client = new Client(name, connection);
            client.send(name);
            client.reads();
            return client;
        }

        @Async
        void says(String text) throws IOException {
            System.out.println(name + " says: " + text);
            send(text);
        }

        @Async
        private void send(String line) throws IOException {
            connection.writer().write(line + "\n");
            connection.writer().drain();
        }

        /** Reads one line and prints it. */
        @Async
        void reads() throws IOException {
            System.out.println("    " + name + " reads: " + text(connection.reader().readline()));
        }

        /** Closes the connection: the server reads the end of the stream. */
        @Async
        void leaves() throws IOException {
            System.out.println(name + " leaves");
            connection.writer().close();
            connection.writer().waitClosed();
        }

        /** Drops the connection at once, as a client whose process died would. */
        void vanishes() {
            System.out.println(name + " vanishes");
            connection.writer().abort();
        }
    }

    /** The demo: the server and three scripted clients. Each step waits for its lines, so the transcript is always the same. */
    @Async
    static void main() throws IOException {
        ChatRoom room = new ChatRoom();
        Server server = Streams.startServer(room::handle, "127.0.0.1", 0);
        System.out.println("the chat server listens on 127.0.0.1, on a port the system picked");

        Client alice = Client.join("alice", server.port());
        Client bob = Client.join("bob", server.port());
        alice.reads();
        Client carol = Client.join("carol", server.port());
        alice.reads();
        bob.reads();

        alice.says("hello, everyone");
        bob.reads();
        carol.reads();
        bob.says("hi alice");
        alice.reads();
        carol.reads();

        // Every client is idle now, and so is the server: each handler task waits to read from its client,
        // each sender task waits for a line in its outbox. A short sleep lets the tasks still running
        // (a sender between its write and its next get) reach that wait; then the dump shows it.
        Coro.sleep(Duration.ofMillis(20));
        System.out.println("--- task dump ---");
        System.out.print(Coro.dumpTasks());
        System.out.println("--- end of the task dump ---");

        carol.leaves();
        alice.reads();
        bob.reads();
        bob.vanishes();
        alice.reads();
        alice.leaves();

        server.close();
        server.waitClosed(); // every connection ended: each handler saw its client leave
        System.out.println("the chat server is closed; connections open: " + server.connectionCount());
    }

    /** Serves on the port given, until the program is stopped. */
    @Async
    static void serve(int port) throws IOException {
        Server server = Streams.startServer(new ChatRoom()::handle, "127.0.0.1", port);
        System.out.println("chat server on 127.0.0.1:" + server.port());
        server.serveForever();
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            int port = Integer.parseInt(args[0]);
            Coro.run(() -> serve(port));
        } else {
            Coro.run((AsyncRunnable) ChatExample::main);
        }
    }
}
