package io.coro4j.instrument.rewrite;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * A method the rewriter will not make into a state machine, with the reason. Refuse rather than
 * corrupt: the method's body is replaced by one that throws the reason, so it never runs
 * half-rewritten or un-rewritten.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refusal(String reason) {
        super(reason);
    }

    /** Replaces the body of {@code method} with {@code throw new IllegalStateException(message)}. */
    public static void replaceBody(MethodNode method, String message) {
        method.instructions.clear();
        method.tryCatchBlocks.clear();
        if (method.localVariables != null) {
            method.localVariables.clear();
        }
        method.visibleLocalVariableAnnotations = null;
        method.invisibleLocalVariableAnnotations = null;
        method.instructions.add(throwIllegalState(message));
        method.maxStack = 3;
    }

    /**
     * {@code throw new IllegalStateException(message)}: the body of a refused method, and the rewritten
     * code's answer to a state it cannot be in. Needs three stack slots.
     */
    public static InsnList throwIllegalState(String message) {
        InsnList code = new InsnList();
        code.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        code.add(new InsnNode(Opcodes.DUP));
        code.add(new LdcInsnNode(message));
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                "(Ljava/lang/String;)V", false));
        code.add(new InsnNode(Opcodes.ATHROW));
        return code;
    }
}
