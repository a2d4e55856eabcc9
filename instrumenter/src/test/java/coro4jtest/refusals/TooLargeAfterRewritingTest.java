package coro4jtest.refusals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A coroutine method that fits the JVM's 64 KB limit as compiled but not once rewritten (each
 * suspension point gains a capture and a restore block) is refused with that reason, instead of the
 * {@code MethodTooLargeException} escaping; the other methods of its class are still rewritten.
 */
class TooLargeAfterRewritingTest {
    private static final String NAME = "coro4jtest/refusals/Huge";
    private static final int CALLS = 3000;

    @Test
    void methodTooLargeAfterRewritingIsRefusedAndTheRestIsRewritten() throws Exception {
        ClassTransformer.Report report = new ClassTransformer.Report();
        byte[] rewritten = new ClassTransformer(new ClassHierarchy())
                .transform(hugeClass(), new BytesLoader(), report);

        assertEquals(List.of("leaf()V", "small()I"), report.rewritten);
        assertEquals(1, report.refused.size());
        String refusal = report.refused.get(0);
        assertTrue(refusal.contains("coro4jtest.refusals.Huge.big") && refusal.contains("too large after rewriting"),
                refusal);
        assertEquals("", Verification.problems(rewritten, getClass().getClassLoader()));

        Class<?> huge = new BytesLoader().define(NAME, rewritten);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> huge.getMethod("big").invoke(null));
        assertEquals(IllegalStateException.class, thrown.getCause().getClass());
        assertEquals(refusal, thrown.getCause().getMessage());
    }

    /** {@code @Async leaf()}, {@code @Async small()} calling it once, {@code @Async big()} calling it 3000 times. */
    private static byte[] hugeClass() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, NAME, null, "java/lang/Object", null);
        MethodVisitor leaf = asyncMethod(writer, "leaf", "()V");
        leaf.visitInsn(Opcodes.RETURN);
        leaf.visitMaxs(0, 0);
        leaf.visitEnd();
        for (String name : new String[] {"small", "big"}) {
            MethodVisitor method = asyncMethod(writer, name, "()I");
            for (int i = 0; i < (name.equals("big") ? CALLS : 1); i++) {
                method.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, "leaf", "()V", false);
            }
            method.visitInsn(Opcodes.ICONST_1);
            method.visitInsn(Opcodes.IRETURN);
            method.visitMaxs(0, 0);
            method.visitEnd();
        }
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** A public static {@code @Async} method of {@code writer}, its code begun. */
    static MethodVisitor asyncMethod(ClassWriter writer, String name, String descriptor) {
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, descriptor,
                null, null);
        method.visitAnnotation(Names.ASYNC_DESC, false).visitEnd();
        method.visitCode();
        return method;
    }
}
