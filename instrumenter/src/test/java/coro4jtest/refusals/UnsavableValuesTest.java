package coro4jtest.refusals;

import static coro4jtest.refusals.TooLargeAfterRewritingTest.asyncMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.analysis.FrameAnalysis;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.rewrite.MethodRewriter;
import io.coro4j.instrument.rewrite.Refusal;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Values the rewrite cannot save: an object under construction that {@code NewLowering} did not move
 * past the suspension (in a local, or in a shape javac does not write), and {@code this} before
 * {@code super()}. The method is refused with a message that names its class, method and line; the
 * rest of its class is rewritten, and nothing crashes.
 */
class UnsavableValuesTest {
    private static final String NAME = "coro4jtest/refusals/Unsavable";
    private static final String LEAF = "leaf";

    @Test
    void anObjectUnderConstructionInALocalRefusesOnlyItsMethod() throws Exception {
        byte[] original = unsavableClass();
        ClassTransformer.Report report = new ClassTransformer.Report();
        byte[] rewritten = new ClassTransformer(new ClassHierarchy()).transform(original, new BytesLoader(),
                report);

        assertEquals(List.of("leaf()V", "fine()I"), report.rewritten);
        assertEquals(1, report.refused.size(), report.refused::toString);
        String refusal = report.refused.get(0);
        assertTrue(refusal.startsWith("coro4j refused to rewrite coroutine method"
                + " coro4jtest.refusals.Unsavable.keepsItInALocal(Unsavable.java:20): ")
                && refusal.contains(" at line 21 ") && refusal.contains("under construction"), refusal);
        assertEquals("", Verification.problems(rewritten, getClass().getClassLoader()));

        Class<?> type = new BytesLoader().define(NAME, rewritten);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> type.getMethod("keepsItInALocal").invoke(null));
        assertEquals(refusal, thrown.getCause().getMessage());
        Driver.Outcome fine = Driver.runCallable(() -> type.getMethod("fine").invoke(null));
        assertEquals(1, fine.result);
    }

    @Test
    void theRewriterRefusesEveryUninitializedValueItIsGiven() {
        // called without NewLowering before it: an uninitialized NEW below the call, in a local, and
        // 'this' before super() (constructors are never coroutine methods, but the rewriter is told so)
        assertRefused("()V", mv -> {
            mv.visitTypeInsn(Opcodes.NEW, "java/lang/Object");
            mv.visitInsn(Opcodes.DUP);
            callLeaf(mv, 31);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
            mv.visitInsn(Opcodes.POP);
        }, "at line 31");
        assertRefused("()V", mv -> {
            mv.visitTypeInsn(Opcodes.NEW, "java/lang/Object");
            mv.visitVarInsn(Opcodes.ASTORE, 0);
            callLeaf(mv, 32);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        }, "at line 32");
        assertRefused("<init>", mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            callLeaf(mv, 33);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        }, "at line 33");
    }

    private static void assertRefused(String kind, Consumer<MethodVisitor> body, String line) {
        boolean constructor = kind.equals("<init>");
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, NAME, null, "java/lang/Object", null);
        writer.visitSource("Unsavable.java", null);
        MethodVisitor mv = writer.visitMethod(constructor ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
                constructor ? "<init>" : "m", "()V", null, null);
        mv.visitCode();
        body.accept(mv);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        ClassNode type = new ClassNode();
        new ClassReader(writer.toByteArray()).accept(type, ClassReader.EXPAND_FRAMES);
        MethodNode method = type.methods.get(0);
        List<MethodInsnNode> sites = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals(LEAF)) {
                sites.add((MethodInsnNode) insn);
            }
        }
        FrameAnalysis frames = FrameAnalysis.of(type.name, method, sites);
        Refusal refusal = assertThrows(Refusal.class, () -> MethodRewriter.rewrite(type, method, sites, frames));
        assertTrue(refusal.getMessage().contains(line) && refusal.getMessage().contains("under construction"),
                refusal.getMessage());
    }

    private static void callLeaf(MethodVisitor mv, int line) {
        Label here = new Label();
        mv.visitLabel(here);
        mv.visitLineNumber(line, here);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, LEAF, "()V", false);
    }

    /**
     * {@code @Async leaf()}; {@code @Async fine()} calling it; {@code @Async keepsItInALocal()}, where an
     * object under construction sits in a local across the call and is never initialized.
     */
    private static byte[] unsavableClass() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, NAME, null, "java/lang/Object", null);
        writer.visitSource("Unsavable.java", null);
        MethodVisitor leaf = asyncMethod(writer, LEAF, "()V");
        leaf.visitInsn(Opcodes.RETURN);
        leaf.visitMaxs(0, 0);
        leaf.visitEnd();
        MethodVisitor fine = asyncMethod(writer, "fine", "()I");
        callLeaf(fine, 10);
        fine.visitInsn(Opcodes.ICONST_1);
        fine.visitInsn(Opcodes.IRETURN);
        fine.visitMaxs(0, 0);
        fine.visitEnd();
        MethodVisitor local = asyncMethod(writer, "keepsItInALocal", "()V");
        Label start = new Label();
        local.visitLabel(start);
        local.visitLineNumber(20, start);
        local.visitTypeInsn(Opcodes.NEW, "java/lang/Object");
        local.visitVarInsn(Opcodes.ASTORE, 0);
        callLeaf(local, 21);
        local.visitInsn(Opcodes.RETURN);
        local.visitMaxs(0, 0);
        local.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
