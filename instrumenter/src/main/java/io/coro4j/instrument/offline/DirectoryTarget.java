package io.coro4j.instrument.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rewrites the class files of a directory (a build's {@code target/classes}) in place, in path order.
 * Each rewritten file is replaced atomically, so that a run stopped half-way leaves every file either as
 * compiled or as rewritten and marked, and the next run finishes the job.
 */
public final class DirectoryTarget {
    private DirectoryTarget() {}

    /**
     * @param staleness what the last run left, to skip the unchanged files; or {@code null} to read all
     * @param keepRefused whether to write a class some of whose methods were refused (they then throw
     *     their reason when called, as under the agent); when false such a class is left as compiled, and
     *     so is read again by the next run, which reports its refusals again
     */
    public static Summary rewrite(Path directory, ClassFileRewriter rewriter, StalenessFile staleness,
                                  boolean keepRefused) throws IOException {
        Summary summary = new Summary(directory.toString());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(DirectoryTarget::isClassFile).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String relative = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (staleness != null && staleness.isUnchanged(relative, attributes)) {
                summary.addUnchanged();
                continue;
            }
            ClassFileRewriter.Result result = rewriter.rewrite(relative, Files.readAllBytes(file));
            boolean keep = keepRefused || result.refused().isEmpty();
            summary.add(relative, className(relative), result, keep);
            if (result.bytes() != null && keep) {
                replace(file, result.bytes());
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            }
            if (staleness != null && keep) {
                staleness.record(relative, attributes);
            }
        }
        if (staleness != null) {
            staleness.save();
        }
        return summary;
    }

    static boolean isClassFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".class") && !name.equals("module-info.class") && Files.isRegularFile(file);
    }

    static String className(String classFile) {
        return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
    }

    private static void replace(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".coro4j.tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
