package coro4jtest.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.support.CompiledShapes;
import io.coro4j.instrument.support.CompiledShapes.Compiler;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14, item 1: an object under construction that javac spills to locals, with the rest of the
 * operand stack, around a switch expression with a {@code try} in an arm, is built after its
 * arguments like any other ({@code NewLowering}): each shape runs rewritten as compiled. Release 17,
 * and release 21's pattern switch when the JDK running the tests has release 21. By javac only: ecj
 * (3.40 to 3.44) spills the same way but writes stack map frames that name the spilled object
 * initialized, which the JVM rejects, so its class files never load to be rewritten.
 */
class SwitchInNewTest {
    private static final String SHAPES = "coro4jtest.compiled.SwitchInNewShapes";
    private static final String PATTERNS = "coro4jtest.compiled.PatternSwitchInNewShapes";

    static Stream<Arguments> compilations() {
        return Stream.of(Arguments.of(SHAPES, Compiler.JAVAC, 17), Arguments.of(PATTERNS, Compiler.JAVAC, 21));
    }

    static Stream<Arguments> shapes() {
        return compilations().filter(a -> (int) a.get()[2] <= Runtime.version().feature())
                .flatMap(a -> compiled(a).methods("shape").stream()
                        .map(shape -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], shape)));
    }

    @ParameterizedTest(name = "{1} --release {2}: {3}")
    @MethodSource("shapes")
    void rewrittenGivesTheSameResultAsCompiled(String className, Compiler compiler, int release, String shape)
            throws Exception {
        CompiledShapes.of(className, compiler, release).assertRewrittenRunsAsCompiled(shape);
    }

    @ParameterizedTest(name = "{0} by {1}, --release {2}")
    @MethodSource("compilations")
    void nothingIsRefusedAndTheRewrittenClassesVerify(String className, Compiler compiler, int release) {
        assumeTrue(release <= Runtime.version().feature(), "needs a JDK of release " + release);
        CompiledShapes shapes = CompiledShapes.of(className, compiler, release);
        ClassTransformer.Report report = shapes.report();
        assertEquals(0, report.refused.size(), () -> String.join("\n", report.refused));
        shapes.assertRewrittenClassesVerify();
    }

    private static CompiledShapes compiled(Arguments a) {
        return CompiledShapes.of((String) a.get()[0], (Compiler) a.get()[1], (int) a.get()[2]);
    }
}
