package coro4jtest.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.InMemoryCompiler;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Class files from before Java 6: no stack map frames, and perhaps {@code JSR}/{@code RET}
 * subroutines. The transformer computes their frames and inlines their subroutines, then rewrites them
 * like any other class.
 */
class LegacyClassFilesTest {
    private static final String JSR_FINALLY = Program.PACKAGE + ".JsrFinally";

    @Test
    void version49ClassFilesWithoutFramesAreTransformedAndRun() throws Exception {
        Map<String, byte[]> java5 = InMemoryCompiler.asJava5(InMemoryCompiler.compile(Program.SOURCES, 8));
        for (byte[] classFile : java5.values()) {
            assertEquals(Opcodes.V1_5, ReleasesTest.majorVersion(classFile));
            assertFalse(hasFrames(classFile));
        }

        Program.assertRunsTransformed(java5);
    }

    @ParameterizedTest(name = "class file version {0}, exception thrown in the try: {1}")
    @CsvSource({"48, false, 111", "48, true, 1111", "50, false, 111", "50, true, 1111"})
    void aJsrRetSubroutineAroundSuspensionsIsInlinedAndRuns(int version, boolean throwInside, int expected)
            throws Exception {
        Map<String, byte[]> classFiles = new HashMap<>(InMemoryCompiler.asJava5(InMemoryCompiler.compile(Program.SOURCES, 8)));
        classFiles.put(JSR_FINALLY, JsrFinally.assemble(version));
        TransformingLoader loader = new TransformingLoader(Program.PACKAGE + ".", classFiles);
        Method run = loader.loadClass(JSR_FINALLY).getMethod("run", boolean.class);

        Driver.Outcome outcome = Driver.runCallable(() -> run.invoke(null, throwInside));

        assertNull(outcome.failure, () -> "failed: " + outcome.failure);
        assertEquals(expected, outcome.result);
        assertEquals(2, outcome.suspensions);
        byte[] rewritten = loader.rewritten().get(JSR_FINALLY);
        assertEquals(Opcodes.V1_6, ReleasesTest.majorVersion(rewritten));
        assertFalse(hasSubroutines(rewritten));
        Verification.assertValid(loader.rewritten(), loader);
    }

    private static boolean hasFrames(byte[] classFile) {
        return anyInstruction(classFile, ClassReader.EXPAND_FRAMES, insn -> insn instanceof FrameNode);
    }

    private static boolean hasSubroutines(byte[] classFile) {
        return anyInstruction(classFile, 0,
                insn -> insn.getOpcode() == Opcodes.JSR || insn.getOpcode() == Opcodes.RET);
    }

    private static boolean anyInstruction(byte[] classFile, int flags,
                                          java.util.function.Predicate<AbstractInsnNode> test) {
        ClassNode type = new ClassNode();
        new ClassReader(classFile).accept(type, flags);
        for (MethodNode method : type.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (test.test(insn)) {
                    return true;
                }
            }
        }
        return false;
    }
}
