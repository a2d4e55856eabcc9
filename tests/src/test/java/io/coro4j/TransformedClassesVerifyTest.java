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
        // the runtime's own coroutine methods and this module's tests must all have been transformed
        assertTrue(classes.stream().anyMatch(p -> p.endsWith(Path.of("io/coro4j/Coro.class"))), "Coro");
        assertTrue(classes.size() >= 10, "only " + classes.size() + " transformed classes in " + dir);
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
}
