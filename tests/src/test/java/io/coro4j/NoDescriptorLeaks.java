package io.coro4j;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails a test class that leaves a file descriptor of the kinds network code opens (a socket, a pipe, a
 * selector's epoll or eventfd) open: this JVM's descriptors ({@code /proc/self/fd}) are listed before the
 * class's first test and after its last (waiting up to 5 s, as a peer thread may still be closing its
 * side), and any that was not there before is named. Files (the jars class loading opens) are not
 * counted.
 */
public final class NoDescriptorLeaks implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoDescriptorLeaks.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
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
    public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
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
        fail(context.getDisplayName() + " left " + extra.size() + " descriptors open: " + extra);
    }

    /** The number of open descriptors of the counted kinds, now. */
    public static int count() throws IOException {
        return open().size();
    }

    /** Each open socket, pipe and anonymous inode (epoll, eventfd) of this JVM, with what it is. */
    static Map<Integer, String> open() throws IOException {
        Path self = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd");
        Map<Integer, String> fds = new TreeMap<>();
        try (Stream<Path> list = Files.list(self)) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
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
