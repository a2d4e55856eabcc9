package coro4jtest.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.support.CompiledShapes;
import io.coro4j.instrument.support.CompiledShapes.Compiler;
import io.coro4j.instrument.support.Driver;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Issue 10 item 2: the monitor analysis is exact on the {@code synchronized} shapes of javac and ecj.
 * A suspension after a block, however the block was left ({@code SynchronizedShapes}), is rewritten
 * and runs as compiled; a suspension with a monitor really held ({@code SynchronizedHolds}) is
 * refused, naming class, method and line. Both sources are compiled by both compilers.
 */
class SynchronizedBlocksTest {
    private static final String SHAPES = "coro4jtest.compiled.SynchronizedShapes";
    private static final String HOLDS = "coro4jtest.compiled.SynchronizedHolds";

    static Stream<Arguments> shapes() {
        return Stream.of(Compiler.values()).flatMap(compiler -> compiled(SHAPES, compiler)
                .methods("shape").stream().map(shape -> Arguments.of(compiler, shape)));
    }

    static Stream<Arguments> holds() {
        return Stream.of(Compiler.values()).flatMap(compiler -> compiled(HOLDS, compiler)
                .methods("held").stream().map(method -> Arguments.of(compiler, method)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("shapes")
    void aSuspensionAfterABlockIsRewrittenAndRunsAsCompiled(Compiler compiler, String shape) throws Exception {
        compiled(SHAPES, compiler).assertRewrittenRunsAsCompiled(shape);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Compiler.class)
    void noShapeIsRefusedAndTheRewrittenClassVerifies(Compiler compiler) {
        CompiledShapes shapes = compiled(SHAPES, compiler);
        ClassTransformer.Report report = shapes.report();
        assertEquals(0, report.refused.size(), () -> String.join("\n", report.refused));
        assertTrue(report.rewritten.size() > 10, report.rewritten::toString);
        shapes.assertRewrittenClassesVerify();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("holds")
    void aMonitorHeldAcrossASuspensionIsRefusedWithClassMethodAndLine(Compiler compiler, String method)
            throws Exception {
        CompiledShapes holds = compiled(HOLDS, compiler);
        String where = HOLDS + "." + method + "(SynchronizedHolds.java:";
        String message = holds.report().refused.stream().filter(m -> m.contains(where)).findFirst()
                .orElseThrow(() -> new AssertionError("not refused: " + method + "; refused: "
                        + holds.report().refused));
        assertTrue(message.contains("the call to " + HOLDS + ".pause at line "
                + lineOfPause(holds, method) + " can suspend inside a synchronized block"), message);

        Driver.Outcome outcome = holds.runRewritten(method);
        assertInstanceOf(IllegalStateException.class, outcome.failure);
        assertEquals(message, outcome.failure.getMessage());
        assertEquals(0, outcome.suspensions);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Compiler.class)
    void onlyTheMethodsThatHoldAMonitorAreRefused(Compiler compiler) {
        CompiledShapes holds = compiled(HOLDS, compiler);
        assertEquals(holds.methods("held").size(), holds.report().refused.size(),
                () -> String.join("\n", holds.report().refused));
        assertEquals(java.util.List.of("pause(I)I"), holds.report().rewritten);
        holds.assertRewrittenClassesVerify();
    }

    private static CompiledShapes compiled(String className, Compiler compiler) {
        return CompiledShapes.of(className, compiler, 17);
    }

    /** The line of the one call to {@code pause} in {@code method}, from the class file. */
    private static int lineOfPause(CompiledShapes holds, String method) {
        ClassNode type = new ClassNode();
        new ClassReader(holds.classFile()).accept(type, 0);
        MethodNode node = type.methods.stream().filter(m -> m.name.equals(method)).findFirst().orElseThrow();
        int line = -1;
        for (AbstractInsnNode insn : node.instructions) {
            if (insn instanceof LineNumberNode) {
                line = ((LineNumberNode) insn).line;
            } else if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals("pause")) {
                return line;
            }
        }
        throw new AssertionError("no call to pause in " + method);
    }
}
