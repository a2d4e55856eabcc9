package io.coro4j.instrument.offline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last run over a directory left behind: each class file's size and modification time, as the
 * run wrote or checked it. A class file that still has both is skipped unread; any other (compiled since,
 * or new) is read again. Kept under the build's output ({@code target/}), as Byte Buddy's plugin keeps its
 * own, so that {@code mvn clean} forgets it.
 *
 * <p>The first line names the options of the run; a run with other options (another include list, say)
 * ignores the file and reads every class file again. A file that cannot be read is ignored the same way:
 * the staleness file only saves work, and the mark still keeps a class from being rewritten twice.
 */
public final class StalenessFile {
    private static final String HEADER = "# coro4j staleness file: size modified-millis path; options ";

    private final Path file;
    private final String options;
    private final Map<String, String> previous;
    private final Map<String, String> next = new HashMap<>();

    private StalenessFile(Path file, String options, Map<String, String> previous) {
        this.file = file;
        this.options = options;
        this.previous = previous;
    }

    /** The state at {@code file} if it was written with the same {@code options}, else an empty one. */
    public static StalenessFile load(Path file, String options) {
        Map<String, String> previous = new HashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.get(0).equals(HEADER + options)) {
                    for (String line : lines.subList(1, lines.size())) {
                        int first = line.indexOf(' ');
                        int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
                        if (second > 0) {
                            previous.put(line.substring(second + 1), line.substring(0, second));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            previous.clear();
        }
        return new StalenessFile(file, options, previous);
    }

    /** Whether the class file at {@code path} (relative to the directory) is as the last run left it. */
    boolean isUnchanged(String path, BasicFileAttributes attributes) {
        String stamp = stamp(attributes);
        if (stamp.equals(previous.get(path))) {
            next.put(path, stamp);
            return true;
        }
        return false;
    }

    /** Records the class file as this run leaves it. */
    void record(String path, BasicFileAttributes attributes) {
        next.put(path, stamp(attributes));
    }

    /** Writes this run's state (atomically: a run stopped half-way leaves the old file or none). */
    void save() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER + options);
        next.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add(e.getValue() + " " + e.getKey()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String stamp(BasicFileAttributes attributes) {
        return attributes.size() + " " + attributes.lastModifiedTime().toMillis();
    }
}
