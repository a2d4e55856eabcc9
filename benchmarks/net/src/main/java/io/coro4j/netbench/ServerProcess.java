package io.coro4j.netbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract every echo server's {@code main} follows, so that {@code run.sh} and the smoke test drive
 * them all the same way (the Python server, {@code python/echo_server.py}, follows it too):
 *
 * <ol>
 *   <li>Arguments: {@code HOST PORT}; port 0 picks a free one.
 *   <li>Once listening, it prints {@code listening HOST PORT} (the bound port) on a line of its own.
 *   <li>Each connection gets back every byte it sends, in order, until it closes; then the server closes
 *       its side. A failing connection is closed and harms no other.
 *   <li>It reads commands from standard input, one per line, and answers each on standard output:
 *       {@code heap} answers {@code heap LIVE RSS}: LIVE is the bytes of live heap after full
 *       collections (the JVM's used heap after {@code System.gc()}, the smallest of four), RSS the
 *       process's resident set ({@code VmRSS}), both in bytes. An unknown command answers
 *       {@code error ...}.
 *   <li>When standard input closes it stops and exits with status 0.
 * </ol>
 *
 * A Java server's main is: parse with {@link #address}, start the server, {@link #announce} its port,
 * then {@link #serveCommands} on the main thread, and close the server. A server whose main thread runs
 * its own loop (coro4j's {@code Coro.run}) answers them on another thread instead, with
 * {@link #startCommandThread}, which ends the process when the commands end.
 */
public final class ServerProcess {
    private ServerProcess() {}

    /** The host and port of a server's arguments. */
    public record Address(String host, int port) {}

    /** Parses {@code HOST PORT}, or exits with a usage line naming {@code server}. */
    public static Address address(String server, String[] args) {
        if (args.length != 2) {
            usage(server, "expected 2 arguments, got " + args.length);
        }
        int port = -1;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            usage(server, "the port is not a number: " + args[1]);
        }
        if (port < 0 || port > 65535) {
            usage(server, "the port is out of range: " + port);
        }
        return new Address(args[0], port);
    }

    private static void usage(String server, String problem) {
        System.err.println(server + ": " + problem + "\nusage: java " + server + " HOST PORT   (port 0 picks a free"
                + " one; prints 'listening HOST PORT', answers 'heap' on stdin, exits when stdin closes)");
        System.exit(2);
    }

    /** Prints the line that tells the driver the server is ready and which port it got. */
    public static void announce(String host, int port) {
        System.out.println("listening " + host + " " + port);
        System.out.flush();
    }

    /**
     * Answers the commands read from {@code in} on {@code out} until {@code in} ends. Call it on a thread
     * that the server's own work does not need (the main thread, once the server runs on its own).
     */
    public static void serveCommands(InputStream in, PrintStream out) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = lines.readLine()) != null; ) {
            String command = line.trim();
            if (command.isEmpty()) {
                continue;
            }
            if (command.equals("heap")) {
                out.println("heap " + liveHeapAfterGc() + " " + residentSetBytes());
            } else {
                out.println("error unknown command '" + command + "': the commands are: heap");
            }
            out.flush();
        }
    }

    /**
     * Answers the commands of {@code in} on a daemon thread of its own, then runs {@code atEnd} (a server
     * main passes {@code () -> System.exit(0)}). Returns the thread, started.
     */
    public static Thread startCommandThread(InputStream in, PrintStream out, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try {
                serveCommands(in, out);
            } catch (IOException e) {
                System.err.println("reading commands failed, so the server stops: " + e);
            }
            atEnd.run();
        }, "server-commands");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Used heap after full collections: the smallest of four, as {@code benchmarks}' HeapPerTask does. */
    public static long liveHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The process's resident set in bytes ({@code VmRSS} of {@code /proc/self/status}), or -1 off Linux. */
    public static long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kib = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kib) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a format we do not know: say so with -1 rather than guess
        }
        return -1;
    }
}
