package coro4jtest.releases;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Assembles, with ASM, a class whose {@code @Async} method has a {@code try/finally} compiled the old
 * way, as a {@code JSR}/{@code RET} subroutine, with a suspension inside the protected region and one
 * inside the subroutine:
 *
 * <pre>
 *   &#64;Async public static int run(boolean throwInside) {
 *       int x = 1;
 *       try {
 *           try {
 *               x += Program.pause(10);
 *               if (throwInside) throw new IllegalStateException();
 *           } finally {                      // JSR FINALLY on every exit, RET at its end
 *               x += Program.pause(100);
 *           }
 *       } catch (IllegalStateException e) {
 *           return x + 1000;
 *       }
 *       return x;
 *   }
 * </pre>
 */
final class JsrFinally {
    private static final String PAUSE_OWNER = Program.NAME.replace('.', '/');

    private JsrFinally() {}

    /** The class file, of major version {@code version} (48 for Java 1.4; 50 still allows JSR). */
    static byte[] assemble(int version) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER,
                "coro4jtest/releases/gen/JsrFinally", null, "java/lang/Object", null);
        MethodVisitor m = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "(Z)I", null,
                null);
        m.visitAnnotation("Lio/coro4j/Async;", true).visitEnd();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label any = new Label();
        Label anyEnd = new Label();
        Label subroutine = new Label();
        Label after = new Label();
        Label noThrow = new Label();
        Label caught = new Label();
        m.visitTryCatchBlock(tryStart, tryEnd, any, null);
        m.visitTryCatchBlock(tryStart, anyEnd, caught, "java/lang/IllegalStateException");
        m.visitCode();
        // locals: 0 throwInside, 1 x, 2 the pending exception, 3 the subroutine's return address
        m.visitInsn(Opcodes.ICONST_1);
        m.visitVarInsn(Opcodes.ISTORE, 1);
        m.visitLabel(tryStart);
        addPause(m, 10);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFEQ, noThrow);
        m.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
        m.visitInsn(Opcodes.DUP);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
        m.visitInsn(Opcodes.ATHROW);
        m.visitLabel(noThrow);
        m.visitLabel(tryEnd);
        m.visitJumpInsn(Opcodes.JSR, subroutine);
        m.visitJumpInsn(Opcodes.GOTO, after);
        m.visitLabel(any);
        m.visitVarInsn(Opcodes.ASTORE, 2);
        m.visitJumpInsn(Opcodes.JSR, subroutine);
        m.visitVarInsn(Opcodes.ALOAD, 2);
        m.visitInsn(Opcodes.ATHROW);
        m.visitLabel(anyEnd);
        m.visitLabel(subroutine);
        m.visitVarInsn(Opcodes.ASTORE, 3);
        addPause(m, 100);
        m.visitVarInsn(Opcodes.RET, 3);
        m.visitLabel(after);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(caught);
        m.visitInsn(Opcodes.POP);
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitIntInsn(Opcodes.SIPUSH, 1000);
        m.visitInsn(Opcodes.IADD);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** {@code x += Program.pause(amount)}. */
    private static void addPause(MethodVisitor m, int amount) {
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitIntInsn(Opcodes.BIPUSH, amount);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, PAUSE_OWNER, "pause", "(I)I", false);
        m.visitInsn(Opcodes.IADD);
        m.visitVarInsn(Opcodes.ISTORE, 1);
    }
}
