package io.coro4j.attach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This module's test classes as compiled (the files, not the classes the agent rewrote in this JVM), packed
 * into a jar or copied into a directory, for the tests that rewrite them at build time or run them as they
 * are; and the runtime's location, for a class path with nothing else on it.
 */
final class ClassFiles {
    private ClassFiles() {}

    /** The test classes directory. */
    static Path testClasses() {
        return locationOf(ClassFiles.class);
    }

    /** Where the runtime's classes are (its jar, or its classes directory in the reactor). */
    static Path runtime() {
        return locationOf(io.coro4j.Coro.class);
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The class files of the classes named (binary names) and of their nested classes, relative paths. */
    static List<String> of(String... classNames) {
        List<String> files = new ArrayList<>();
        for (String name : classNames) {
            String path = name.replace('.', '/');
            Path dir = testClasses().resolve(path).getParent();
            String simple = path.substring(path.lastIndexOf('/') + 1);
            try (Stream<Path> list = Files.list(dir)) {
                files.addAll(list.map(p -> p.getFileName().toString())
                        .filter(f -> f.equals(simple + ".class") || f.startsWith(simple + "$"))
                        .map(f -> path.substring(0, path.lastIndexOf('/') + 1) + f)
                        .sorted().collect(Collectors.toList()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** A jar of the classes named, as compiled: what a build without the plugin packs. */
    static Path jar(Path jar, String... classNames) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String file : of(classNames)) {
                out.putNextEntry(new JarEntry(file));
                out.write(Files.readAllBytes(testClasses().resolve(file)));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A directory holding a copy of the class files of the classes named, as compiled. */
    static Path copy(Path dir, String... classNames) throws IOException {
        for (String file : of(classNames)) {
            Path target = dir.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(testClasses().resolve(file), target);
        }
        return dir;
    }

    /** {@code java -jar coro4j-agent.jar rewrite arguments...}, as a build tool would run it. */
    static ForkedJvm.Result rewrite(String... arguments) {
        List<String> command = new ArrayList<>(List.of("rewrite"));
        command.addAll(List.of(arguments));
        return ForkedJvm.runJar(ForkedJvm.agentJar(), List.of(), command);
    }
}
