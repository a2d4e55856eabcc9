package io.coro4j.instrument.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.pipeline.TransformOptions;
import io.coro4j.instrument.support.InMemoryCompiler;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dcoro4j.include}: only the listed packages (and coro4j's own) are transformed, and the class
 * files of the others are never read, not even as supertypes.
 */
class IncludeListTest {
    private static final Map<String, byte[]> CLASSES = InMemoryCompiler.compile(Map.of(
            "lib.Base", "package lib; public class Base { @io.coro4j.Async public int work() { return 1; } }",
            "lib.Annotated", "package lib; public class Annotated { @io.coro4j.Async public int run() { return 2; } }",
            "app.Sub", "package app; public class Sub extends lib.Base { public int work() { return 3; } }",
            "app.Mid", "package app; public class Mid { @io.coro4j.Async public int work() { return 4; } }",
            "app.SubOfMid", "package app; public class SubOfMid extends Mid { public int work() { return 5; } }"),
            17);

    /** Serves the compiled classes as resources, and remembers which ones were read. */
    private static final class RecordingLoader extends ClassLoader {
        final List<String> read = new ArrayList<>();

        RecordingLoader() {
            super(IncludeListTest.class.getClassLoader());
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            String className = name.replace('/', '.').replaceFirst("\\.class$", "");
            if (CLASSES.containsKey(className)) {
                read.add(className);
                return new ByteArrayInputStream(CLASSES.get(className));
            }
            return super.getResourceAsStream(name);
        }
    }

    private static byte[] transform(CoroTransformer agent, ClassLoader loader, String className) {
        return agent.transform(loader, className.replace('.', '/'), null, null, CLASSES.get(className));
    }

    @Test
    void classesOutsideTheListAreLeftAloneEvenWhenTheyDeclareCoroutineMethods() {
        CoroTransformer agent = new CoroTransformer(new TransformOptions(false, List.of(), List.of("app")));
        RecordingLoader loader = new RecordingLoader();
        assertNull(transform(agent, loader, "lib.Annotated"));
        assertNotNull(transform(agent, loader, "app.Mid"));
        assertEquals(List.of(), loader.read);
        assertEquals(0, agent.failedCount());
    }

    @Test
    void supertypesOutsideTheListAreNotReadAndDeclareNoCoroutineMethods() {
        CoroTransformer agent = new CoroTransformer(new TransformOptions(false, List.of(), List.of("app")));
        RecordingLoader loader = new RecordingLoader();
        assertNull(transform(agent, loader, "app.Sub"));
        assertEquals(List.of(), loader.read);
    }

    @Test
    void overridesOfCoroutineMethodsInsideTheListAreStillFound() {
        CoroTransformer agent = new CoroTransformer(new TransformOptions(false, List.of(), List.of("app")));
        RecordingLoader loader = new RecordingLoader();
        assertNotNull(transform(agent, loader, "app.SubOfMid"));
        assertEquals(List.of("app.Mid"), loader.read);
    }

    @Test
    void withoutAListEveryPackageIsIncluded() {
        CoroTransformer agent = new CoroTransformer(TransformOptions.defaults());
        RecordingLoader loader = new RecordingLoader();
        assertNotNull(transform(agent, loader, "app.Sub"));
        assertEquals(List.of("lib.Base"), loader.read);
        assertNotNull(transform(agent, loader, "lib.Annotated"));
    }

    @Test
    void theListIsOfPrefixesWithCoro4jAlwaysInAndExclusionWinning() {
        TransformOptions options = new TransformOptions(false, List.of("app.legacy"), List.of(" app", "", "org.foo "));
        assertTrue(options.isIncluded("app/Main"));
        assertTrue(options.isIncluded("org/foo/bar/Baz"));
        assertTrue(options.isIncluded("io/coro4j/Coro"));
        assertFalse(options.isIncluded("com/google/common/base/Strings"));
        CoroTransformer agent = new CoroTransformer(options);
        assertTrue(agent.isConsidered("app/Main"));
        assertFalse(agent.isConsidered("app/legacy/Old"));
        assertFalse(agent.isConsidered("com/google/common/base/Strings"));
        assertFalse(agent.isConsidered("java/lang/String"));
        assertTrue(TransformOptions.defaults().isIncluded("com/google/common/base/Strings"));
    }
}
