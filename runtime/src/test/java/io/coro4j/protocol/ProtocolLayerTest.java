package io.coro4j.protocol;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers depend one way: the public API and the runtime's internals use the protocol, never the reverse.
 * The protocol's class files name nothing outside it ({@link Suspension#suspend()} is a coroutine method to
 * its callers by its {@link Leaf} annotation, not by {@code @Async}).
 */
class ProtocolLayerTest {
    private static final Pattern RUNTIME_NAME = Pattern.compile("io/coro4j/[A-Za-z0-9_/$]+");

    @Test
    void theProtocolNamesNothingOfTheRuntime() throws IOException {
        Path protocol = Path.of("target/classes/io/coro4j/protocol");
        List<Path> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(protocol)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(classes::add);
        }
        assertTrue(classes.size() > 5, "the protocol's classes are built: " + classes);
        TreeSet<String> outside = new TreeSet<>();
        for (Path c : classes) {
            // class and member names are plain ASCII in the constant pool
            String text = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            Matcher m = RUNTIME_NAME.matcher(text);
            while (m.find()) {
                String name = m.group();
                if (!name.startsWith("io/coro4j/protocol/")) {
                    outside.add(c.getFileName() + " -> " + name);
                }
            }
        }
        assertEquals(List.of(), new ArrayList<>(outside));
    }
}
