package io.coro4j.netbench;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails a test that leaves a file descriptor open: this JVM's descriptors ({@code /proc/self/fd}) are
 * listed before the test and again after it (waiting up to 5 s, as a peer's thread may still be closing
 * its side), and any that was not there before is named.
 */
final class NoDescriptorLeaks implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(NoDescriptorLeaks.class);

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        openTheJdksOwnDescriptors();
        context.getStore(NAMESPACE).put("before", open());
    }

    /**
     * Makes the JDK open what it opens once per JVM at its first socket and keeps (JDK 25's NIO keeps a
     * "pre-close" socket for closing channels in use by another thread), so that it is in the count before
     * the first test that opens a socket, not a leak of that test's.
     */
    static void openTheJdksOwnDescriptors() throws IOException {
        java.nio.channels.SocketChannel.open().close();
        java.nio.channels.ServerSocketChannel.open().close();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        Map<Integer, String> before = context.getStore(NAMESPACE).get("before", Map.class);
        Map<Integer, String> extra = Map.of();
        for (int i = 0; i < 50; i++) {
            extra = new TreeMap<>(open());
            extra.entrySet().removeAll(before.entrySet());
            if (extra.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("file descriptors opened by the test and still open: " + describe(extra));
    }

    /** The descriptors, each TCP socket with its addresses and state ({@code /proc/self/net/tcp*}). */
    static String describe(Map<Integer, String> fds) throws IOException {
        Map<String, String> sockets = new TreeMap<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            Path path = Path.of("/proc/self/net", table);
            if (!Files.exists(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && !f[0].equals("sl")) {
                    sockets.put("socket:[" + f[9] + "]", port(f[1]) + "->" + port(f[2]) + " state " + f[3]);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        fds.forEach((fd, target) -> b.append("\n  ").append(fd).append(" = ").append(target)
                .append(sockets.containsKey(target) ? " (" + sockets.get(target) + ")" : ""));
        return fds.size() + b.toString();
    }

    /** The port of a {@code /proc/net/tcp} address ({@code 0100007F:1F90}). */
    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    /** Each open descriptor and what it is (a socket, a pipe, a file), but the listing's own. */
    static Map<Integer, String> open() throws IOException {
        Path self = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd");
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> list = Files.list(self)) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (!target.equals(self.toString())) {
                        fds.put(Integer.parseInt(fd.getFileName().toString()), target);
                    }
                } catch (IOException e) {
                    // closed while we listed
                }
            }
        }
        return fds;
    }
}
