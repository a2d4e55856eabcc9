package coro4jtest.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3 item 3: the rewriter in stress mode over every class of real, widely used jars (test
 * dependencies from Maven Central). No class may crash the transformer, every refusal must be of a
 * legitimate kind, and every rewritten class must pass ASM's verifier. The counts are printed.
 *
 * <p>{@code -Dcoro4j.stress.verifyEvery=N} verifies only every N-th rewritten class (default 1: all).
 */
class RealJarsStressTest {
    /**
     * The kinds of refusal that are legitimate shapes, not rewriter bugs. ASM's own jars are compiled
     * for Java 5 (class version 49, no stack map frames): refused until the rewriter computes frames
     * for such class files (issue 3 item 2), and verified as refused.
     */
    private static final List<String> LEGITIMATE = List.of("synchronized method",
            "call inside a synchronized block", "too large after rewriting", "class file older than Java 6");

    static Stream<Arguments> jars() {
        return Stream.of(
                jar("guava", com.google.common.base.Preconditions.class,
                        com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
                jar("commons-lang3", org.apache.commons.lang3.StringUtils.class),
                jar("gson", com.google.gson.Gson.class),
                jar("jackson-core", com.fasterxml.jackson.core.JsonFactory.class),
                jar("asm", org.objectweb.asm.ClassReader.class),
                jar("asm-tree", org.objectweb.asm.tree.ClassNode.class, org.objectweb.asm.ClassReader.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jars")
    void everyClassTransformsAndVerifies(String label, Path jar, List<Path> runtimePath) throws Exception {
        int verifyEvery = Integer.getInteger("coro4j.stress.verifyEvery", 1);
        JarReport report = new JarStress(verifyEvery).run(label + " (" + jar.getFileName() + ")", jar,
                runtimePath);
        System.out.print(report.render());

        assertTrue(report.classes > 30, "the jar was read: " + report.classes + " classes");
        assertEquals(List.of(), report.crashes, "classes that crashed the transformer");
        for (String reason : report.refusedByReason.keySet()) {
            assertTrue(LEGITIMATE.contains(reason), "refusal that is not a legitimate shape: " + reason);
        }
        assertTrue(report.methodsVerified > 0, "nothing was verified");
        assertEquals(List.of(), report.verifyFailures, "rewritten methods that do not verify");
    }

    private static Arguments jar(String label, Class<?> anchor, Class<?>... runtimeDependencies) {
        List<Path> path = new ArrayList<>();
        for (Class<?> dependency : runtimeDependencies) {
            path.add(jarOf(dependency));
        }
        return Arguments.of(label, jarOf(anchor), path);
    }

    private static Path jarOf(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
