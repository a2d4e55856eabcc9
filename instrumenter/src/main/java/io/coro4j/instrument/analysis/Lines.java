package io.coro4j.instrument.analysis;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/** Source lines of instructions, for the locations that errors and {@code Task.getStack()} show. */
public final class Lines {
    private Lines() {}

    /** The first line of {@code method}, or -1 when it has no line numbers. */
    public static int firstLine(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode) {
                return ((LineNumberNode) insn).line;
            }
        }
        return -1;
    }

    /** The line {@code insn} belongs to (the nearest line number before it), or -1. */
    public static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode p = insn; p != null; p = p.getPrevious()) {
            if (p instanceof LineNumberNode) {
                return ((LineNumberNode) p).line;
            }
        }
        return -1;
    }
}
