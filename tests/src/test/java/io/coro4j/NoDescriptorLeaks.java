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
        jdkSocketsReady();
        context.getStore(NAMESPACE).put("before", open());
    }

    /**
     * Opens and closes a socket channel, so that the JDK makes the descriptor it keeps for good at its
     * first socket before the count: JDK 25 makes one then (a connected Unix socket with no name, its
     * pre-close socket pair, it seems), which a class that opens the JVM's first socket would otherwise
     * count as its own leak.
     */
    private static void jdkSocketsReady() throws IOException {
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
