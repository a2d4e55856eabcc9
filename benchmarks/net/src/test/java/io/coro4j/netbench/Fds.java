package io.coro4j.netbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/** This JVM's open file descriptors ({@code /proc/self/fd}). */
final class Fds {
    private Fds() {}

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

    /**
     * Waits up to 5 s (a peer's thread may still be closing its side) until no descriptor is open that was
     * not open {@code before}, and fails naming the ones that stay.
     */
    static void assertNoneOpenedSince(Map<Integer, String> before) throws IOException, InterruptedException {
        Map<Integer, String> extra = Map.of();
        for (int i = 0; i < 50; i++) {
            extra = new TreeMap<>(open());
            extra.entrySet().removeAll(before.entrySet());
            if (extra.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        fail("file descriptors opened by the test and still open: " + extra);
    }
}
