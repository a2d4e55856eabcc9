package io.coro4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's example of coro4j-junit is com.example.GreeterTest of this module, compiled, rewritten and
 * run with the other tests: this test checks that the README still prints it as it is (its package line and
 * its one comment saying so left out).
 */
class ReadmeExampleTest {
    private static final Path SOURCE = Path.of("src/test/java/com/example/GreeterTest.java");
    private static final String MARK = "<!-- junit/src/test/java/com/example/GreeterTest.java -->";

    @Test
    void theReadmePrintsGreeterTestAsItIs() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int mark = readme.indexOf(MARK);
        assertTrue(mark >= 0, "no " + MARK + " in README.md");
        int start = readme.indexOf("```java\n", mark) + "```java\n".length();
        int end = readme.indexOf("```\n", start);
        String printed = readme.substring(start, end);

        String source = Files.readString(SOURCE).lines()
                .filter(line -> !line.startsWith("package ") && !line.startsWith("// The README's"))
                .collect(Collectors.joining("\n", "", "\n")).stripLeading();
        assertEquals(source, printed, "README.md's example differs from " + SOURCE + ": copy it there");
    }
}
