package io.coro4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Every class the agent transformed during this test run (it dumps them when {@code coro4j.dump} is
 * set, as the surefire configuration does) passes ASM's verifier: {@code CheckClassAdapter} with
 * {@code SimpleVerifier}. The JVM's own verifier has already accepted them when they loaded. Runs last.
 */
@Order(Integer.MAX_VALUE)
class TransformedClassesVerifyTest {
    @Test
    void everyTransformedClassPassesAsmsVerifier() throws IOException {
        String dir = System.getProperty("coro4j.dump");
        assertTrue(dir != null, "run with -Dcoro4j.dump=DIR (the surefire configuration sets it)");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(Path.of(dir))) {
            classes = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        // this module's tests must have been transformed; the runtime came rewritten at build time (its
        // jar is, by the plugin) and the agent left it alone: its classes are verified from where they are
        assertTrue(classes.size() >= 10, "only " + classes.size() + " transformed classes in " + dir);
        assertTrue(classes.stream().noneMatch(p -> p.endsWith(Path.of("io/coro4j/Coro.class"))),
                "the agent rewrote Coro again");
        assertTrue(Coro.class.isAnnotationPresent(io.coro4j.protocol.Rewritten.class), "the runtime's jar is rewritten");
        classes.addAll(runtimeClasses());
        StringBuilder problems = new StringBuilder();
        for (Path file : classes) {
            StringWriter out = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(Files.readAllBytes(file)),
                    getClass().getClassLoader(), false, new PrintWriter(out));
            if (out.getBuffer().length() > 0) {
                problems.append(file).append(":\n").append(out).append('\n');
            }
        }
        if (problems.length() > 0) {
            fail("transformed classes that do not verify:\n" + problems);
        }
        System.out.println("verified " + classes.size() + " transformed classes");
    }

    /** The runtime's class files that carry the rewrite mark, from its classes directory or its jar. */
    private static List<Path> runtimeClasses() throws IOException {
        Path location;
        try {
            location = Path.of(Coro.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
        Path root = Files.isDirectory(location) ? location
                : java.nio.file.FileSystems.newFileSystem(location, (ClassLoader) null).getPath("/");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> marked = new java.util.ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
                if (new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("Lio/coro4j/protocol/Rewritten;")) {
                    marked.add(file);
                }
            }
            assertTrue(marked.size() >= 5, "only " + marked.size() + " rewritten classes in the runtime at " + location);
            return marked;
        }
    }
}
