package io.coro4j.instrument.rewrite;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.analysis.FrameAnalysis;
import io.coro4j.instrument.analysis.FrameAnalysis.FrameFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 4 (only when needed): moves {@code NEW; DUP} down to the constructor call when an object under
 * construction would be live across a suspension ({@code new Point(x(), y())} where {@code x()}
 * suspends). An uninitialized value cannot be saved, so the arguments are computed first, spilled to
 * fresh locals, and {@code NEW; DUP; reload; INVOKESPECIAL <init>} follow (the algorithm of Kotlin's
 * {@code processUninitializedStores}). Where the {@code NEW} stood, a call to
 * {@code Continuation.initializeClass} keeps the class's static initializer in its original order
 * (JDK classes excepted: their initialization is not the user's to observe).
 */
public final class NewLowering {
    private NewLowering() {}

    /**
     * The instructions whose frame facts the lowering needs: the suspending calls and every
     * constructor call.
     */
    public static List<AbstractInsnNode> wanted(MethodNode method, List<MethodInsnNode> sites) {
        List<AbstractInsnNode> wanted = new ArrayList<>(sites);
        for (AbstractInsnNode insn : method.instructions) {
            if (isInit(insn)) {
                wanted.add(insn);
            }
        }
        return wanted;
    }

    /** Lowers every {@code NEW} live across a site; returns whether the method changed. */
    public static boolean lower(MethodNode method, List<MethodInsnNode> sites, FrameAnalysis frames) {
        Map<TypeInsnNode, Label> live = new LinkedHashMap<>();
        for (MethodInsnNode site : sites) {
            FrameFacts facts = frames.before(site);
            if (facts == null) {
                continue;
            }
            for (Object t : facts.stack) {
                if (t instanceof Label) {
                    TypeInsnNode made = frames.newOf(t);
                    if (made == null) {
                        throw new Refusal("an object under construction is live across the call to "
                                + site.name + ", and its NEW instruction cannot be found");
                    }
                    live.put(made, (Label) t);
                }
            }
        }
        for (Map.Entry<TypeInsnNode, Label> entry : live.entrySet()) {
            lowerOne(method, entry.getKey(), entry.getValue(), frames);
        }
        return !live.isEmpty();
    }

    private static void lowerOne(MethodNode method, TypeInsnNode made, Label uninitialized,
                                 FrameAnalysis frames) {
        AbstractInsnNode dup = nextInsn(made);
        if (dup == null || dup.getOpcode() != Opcodes.DUP) {
            throw new Refusal("new " + Names.dotted(made.desc) + "(...) has a suspending argument but"
                    + " is not the NEW; DUP shape that javac emits");
        }
        MethodInsnNode init = findInit(made, uninitialized, frames);
        if (init == null) {
            throw new Refusal("new " + Names.dotted(made.desc) + "(...) has a suspending argument but"
                    + " its constructor call cannot be found");
        }
        // frames between NEW and <init> list the two uninitialized copies on their stack: drop them
        for (AbstractInsnNode p = dup.getNext(); p != null && p != init; p = p.getNext()) {
            if (p instanceof FrameNode && ((FrameNode) p).stack != null) {
                List<Object> stack = new ArrayList<>();
                for (Object t : ((FrameNode) p).stack) {
                    if (!(t instanceof LabelNode && ((LabelNode) t).getLabel() == uninitialized)) {
                        stack.add(t);
                    }
                }
                ((FrameNode) p).stack = stack;
            }
        }
        method.instructions.remove(dup);
        if (Names.isJdk(made.desc)) {
            method.instructions.remove(made);
        } else {
            // keep the static initializer where the NEW ran it: before the arguments
            method.instructions.insertBefore(made, new LdcInsnNode(Type.getObjectType(made.desc)));
            method.instructions.set(made, new MethodInsnNode(Opcodes.INVOKESTATIC, Names.CONTINUATION,
                    "initializeClass", "(Ljava/lang/Class;)V", false));
        }

        Type[] args = Type.getArgumentTypes(init.desc);
        int[] temps = new int[args.length];
        InsnList rebuild = new InsnList();
        for (int i = args.length - 1; i >= 0; i--) {
            temps[i] = method.maxLocals;
            method.maxLocals += args[i].getSize();
            rebuild.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), temps[i]));
        }
        rebuild.add(new TypeInsnNode(Opcodes.NEW, made.desc));
        rebuild.add(new InsnNode(Opcodes.DUP));
        for (int i = 0; i < args.length; i++) {
            rebuild.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), temps[i]));
        }
        method.instructions.insertBefore(init, rebuild);
    }

    private static MethodInsnNode findInit(TypeInsnNode made, Label uninitialized, FrameAnalysis frames) {
        for (AbstractInsnNode p = made.getNext(); p != null; p = p.getNext()) {
            if (!isInit(p) || !((MethodInsnNode) p).owner.equals(made.desc)) {
                continue;
            }
            FrameFacts facts = frames.before(p);
            if (facts == null) {
                continue;
            }
            int argSlots = 0;
            for (Type arg : Type.getArgumentTypes(((MethodInsnNode) p).desc)) {
                argSlots += arg.getSize();
            }
            int receiver = facts.stack.size() - argSlots - 1;
            if (receiver >= 0 && facts.stack.get(receiver) == uninitialized) {
                return (MethodInsnNode) p;
            }
        }
        return null;
    }

    private static boolean isInit(AbstractInsnNode insn) {
        return insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>");
    }

    private static AbstractInsnNode nextInsn(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getNext();
        while (p != null && p.getOpcode() < 0) {
            p = p.getNext();
        }
        return p;
    }
}
