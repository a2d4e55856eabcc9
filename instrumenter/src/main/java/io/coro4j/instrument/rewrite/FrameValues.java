package io.coro4j.instrument.rewrite;

import static io.coro4j.instrument.Names.CONTINUATION;
import static io.coro4j.instrument.Names.CONTINUATION_DESC;

import io.coro4j.instrument.analysis.FrameAnalysis;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Values in ASM's frame notation, and the code that saves and restores each kind through the
 * continuation. Every frame type the verifier knows has a kind here, so the rewrite never meets one
 * it does not handle: the primitive types and references are saved; the null type is not (its value
 * is known) and is pushed back as {@code null}; an unusable slot ({@code TOP}) is left alone; an
 * object under construction cannot be saved at all (the caller refuses the method).
 */
final class FrameValues {
    private FrameValues() {}

    /** What the rewrite does with one value of a frame. */
    enum Kind {
        INT(Type.INT_TYPE, "Int"),
        FLOAT(Type.FLOAT_TYPE, "Float"),
        LONG(Type.LONG_TYPE, "Long"),
        DOUBLE(Type.DOUBLE_TYPE, "Double"),
        REF(Type.getObjectType("java/lang/Object"), "Ref"),
        /** The null type ({@code Box b = null}): nothing saved, {@code null} restored. */
        NULL(null, null),
        /** An unusable local: nothing saved, nothing restored. */
        TOP(null, null),
        /** An object under construction ({@code NEW} or {@code this} before {@code super()}). */
        UNINITIALIZED(null, null);

        /** The type the continuation saves it as, or null when it is not saved. */
        final Type saved;
        private final String suffix;

        Kind(Type saved, String suffix) {
            this.saved = saved;
            this.suffix = suffix;
        }
    }

    static Kind kind(Object frameType) {
        if (frameType instanceof String) {
            return Kind.REF;
        }
        if (Opcodes.INTEGER.equals(frameType)) {
            return Kind.INT;
        }
        if (Opcodes.FLOAT.equals(frameType)) {
            return Kind.FLOAT;
        }
        if (Opcodes.LONG.equals(frameType)) {
            return Kind.LONG;
        }
        if (Opcodes.DOUBLE.equals(frameType)) {
            return Kind.DOUBLE;
        }
        if (Opcodes.NULL.equals(frameType)) {
            return Kind.NULL;
        }
        if (Opcodes.TOP.equals(frameType)) {
            return Kind.TOP;
        }
        return Kind.UNINITIALIZED; // a Label (NEW) or UNINITIALIZED_THIS
    }

    /** Saves the value of frame type {@code t} on top of the operand stack (it is popped). */
    static void saveTop(InsnList code, Object t, int continuationSlot) {
        Kind kind = kind(t);
        if (kind.saved == null) {
            code.add(new InsnNode(Opcodes.POP)); // the null type: its value is known
            return;
        }
        code.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, CONTINUATION, "save" + kind.suffix,
                "(" + kind.saved.getDescriptor() + CONTINUATION_DESC + ")V", false));
    }

    /** Saves local {@code slot}, of frame type {@code t}, if it holds a value to save. */
    static void saveLocal(InsnList code, Object t, int slot, int continuationSlot) {
        Kind kind = kind(t);
        if (kind.saved != null) {
            code.add(new VarInsnNode(kind.saved.getOpcode(Opcodes.ILOAD), slot));
            saveTop(code, t, continuationSlot);
        }
    }

    /** Pushes the next saved value of frame type {@code t} (a null type pushes {@code null}). */
    static void push(InsnList code, Object t, int continuationSlot) {
        Kind kind = kind(t);
        if (kind.saved == null) {
            code.add(new InsnNode(Opcodes.ACONST_NULL));
            return;
        }
        code.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restore" + kind.suffix,
                "()" + kind.saved.getDescriptor(), false));
        if (kind == Kind.REF && !"java/lang/Object".equals(t)) {
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, (String) t));
        }
    }

    /** Restores local {@code slot} to its saved value of frame type {@code t}. */
    static void restoreLocal(InsnList code, Object t, int slot, int continuationSlot) {
        Kind kind = kind(t);
        if (kind == Kind.TOP) {
            return;
        }
        push(code, t, continuationSlot);
        code.add(new VarInsnNode(kind == Kind.NULL ? Opcodes.ASTORE : kind.saved.getOpcode(Opcodes.ISTORE),
                slot));
    }

    /**
     * Gives local {@code slot}, of frame type {@code t}, a zero of its type ({@code null} for a
     * reference): what the restore puts in a local that is dead after the call, so that the frame at
     * the call still holds.
     */
    static void zeroLocal(InsnList code, Object t, int slot) {
        Kind kind = kind(t);
        if (kind == Kind.TOP) {
            return;
        }
        Type type = kind == Kind.NULL ? Kind.REF.saved : kind.saved;
        code.add(zero(type));
        code.add(new VarInsnNode(type.getOpcode(Opcodes.ISTORE), slot));
    }

    // ------------------------------------------------------------------------------------------------
    // frame notation
    // ------------------------------------------------------------------------------------------------

    static FrameNode frame(List<Object> locals, List<Object> stack) {
        return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.size(), stack.toArray());
    }

    /** Pads a frame-notation list with TOP until it covers {@code slots} slots. */
    static void padTo(List<Object> locals, int slots) {
        int used = 0;
        for (Object t : locals) {
            used += FrameAnalysis.isWide(t) ? 2 : 1;
        }
        while (used < slots) {
            locals.add(Opcodes.TOP);
            used++;
        }
    }

    /** One entry per slot (AnalyzerAdapter) to frame notation (a wide value is one entry). */
    static List<Object> compact(List<Object> slots) {
        List<Object> out = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Object t = slots.get(i);
            out.add(t);
            if (FrameAnalysis.isWide(t)) {
                i++;
            }
        }
        return out;
    }

    /** The frame type of a value of type {@code t}. */
    static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.OBJECT:
            case Type.ARRAY:
                return t.getInternalName();
            default: // boolean, char, byte, short, int
                return Opcodes.INTEGER;
        }
    }

    /** The default value of type {@code t}: what a dummy argument or result is. */
    static AbstractInsnNode zero(Type t) {
        switch (t.getSort()) {
            case Type.LONG:
                return new InsnNode(Opcodes.LCONST_0);
            case Type.FLOAT:
                return new InsnNode(Opcodes.FCONST_0);
            case Type.DOUBLE:
                return new InsnNode(Opcodes.DCONST_0);
            case Type.OBJECT:
            case Type.ARRAY:
                return new InsnNode(Opcodes.ACONST_NULL);
            default:
                return new InsnNode(Opcodes.ICONST_0);
        }
    }

    static AbstractInsnNode intConstant(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE ? Opcodes.BIPUSH
                    : Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }
}
