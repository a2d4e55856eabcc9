package io.coro4j.instrument.analysis;

import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The local slots live after an instruction: those that some path from there reads before it writes
 * them, exceptional paths included (a slot that a handler reads is live throughout the range it
 * covers). The classic backward data flow, to a fixed point; subroutines ({@code JSR}) were inlined
 * before the passes run.
 *
 * <p>The rewriter does not save a primitive local dead after a suspending call: a resume re-executes
 * the call and goes on from there, so its value is never read again, and the restore gives it a zero of
 * its type instead (the frames javac wrote still list it). References are saved live or dead (they keep
 * what they hold reachable, as a CPython frame does). A wide value counts as live when either of its
 * two slots is.
 */
public final class LiveLocals {
    private final InsnList code;
    private final BitSet[] liveOut;

    private LiveLocals(InsnList code, BitSet[] liveOut) {
        this.code = code;
        this.liveOut = liveOut;
    }

    /** The slots live right after {@code insn}, an instruction of the method analysed. */
    public BitSet after(AbstractInsnNode insn) {
        return (BitSet) liveOut[code.indexOf(insn)].clone();
    }

    /** Analyses {@code method}: its instructions must not change while the result is used. */
    public static LiveLocals of(MethodNode method) {
        InsnList code = method.instructions;
        int n = code.size();
        AbstractInsnNode[] insns = code.toArray();
        BitSet[] in = new BitSet[n];
        BitSet[] out = new BitSet[n];
        for (int i = 0; i < n; i++) {
            in[i] = new BitSet();
            out[i] = new BitSet();
        }
        int[][] handlers = handlers(method, code, n);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                AbstractInsnNode insn = insns[i];
                BitSet o = new BitSet();
                for (int s : successors(insn, i, n, code)) {
                    o.or(in[s]);
                }
                for (int h : handlers[i]) {
                    o.or(in[h]);
                }
                BitSet live = (BitSet) o.clone();
                kill(insn, live);
                use(insn, live);
                if (!o.equals(out[i]) || !live.equals(in[i])) {
                    out[i] = o;
                    in[i] = live;
                    changed = true;
                }
            }
        }
        return new LiveLocals(code, out);
    }

    /** For each instruction, the handlers of the try blocks that cover it. */
    private static int[][] handlers(MethodNode method, InsnList code, int n) {
        int[][] handlers = new int[n][];
        List<TryCatchBlockNode> blocks = method.tryCatchBlocks;
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (TryCatchBlockNode block : blocks) {
                if (covers(block, i, code)) {
                    count++;
                }
            }
            handlers[i] = new int[count];
            count = 0;
            for (TryCatchBlockNode block : blocks) {
                if (covers(block, i, code)) {
                    handlers[i][count++] = code.indexOf(block.handler);
                }
            }
        }
        return handlers;
    }

    private static boolean covers(TryCatchBlockNode block, int i, InsnList code) {
        return code.indexOf(block.start) <= i && i < code.indexOf(block.end);
    }

    private static int[] successors(AbstractInsnNode insn, int i, int n, InsnList code) {
        int op = insn.getOpcode();
        if (insn instanceof JumpInsnNode) {
            int target = code.indexOf(((JumpInsnNode) insn).label);
            return op == Opcodes.GOTO || i + 1 == n ? new int[] {target} : new int[] {target, i + 1};
        }
        if (insn instanceof TableSwitchInsnNode) {
            TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
            return targets(s.labels, s.dflt, code);
        }
        if (insn instanceof LookupSwitchInsnNode) {
            LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
            return targets(s.labels, s.dflt, code);
        }
        if ((op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.ATHROW || i + 1 == n) {
            return new int[0];
        }
        return new int[] {i + 1};
    }

    private static int[] targets(List<LabelNode> labels, LabelNode dflt, InsnList code) {
        int[] targets = new int[labels.size() + 1];
        for (int k = 0; k < labels.size(); k++) {
            targets[k] = code.indexOf(labels.get(k));
        }
        targets[labels.size()] = code.indexOf(dflt);
        return targets;
    }

    /** Removes the slots {@code insn} writes. */
    private static void kill(AbstractInsnNode insn, BitSet live) {
        if (insn instanceof VarInsnNode) {
            int var = ((VarInsnNode) insn).var;
            switch (insn.getOpcode()) {
                case Opcodes.LSTORE:
                case Opcodes.DSTORE:
                    live.clear(var + 1);
                    live.clear(var);
                    break;
                case Opcodes.ISTORE:
                case Opcodes.FSTORE:
                case Opcodes.ASTORE:
                    live.clear(var);
                    break;
                default:
                    break;
            }
        }
    }

    /** Adds the slots {@code insn} reads. */
    private static void use(AbstractInsnNode insn, BitSet live) {
        if (insn instanceof VarInsnNode) {
            int var = ((VarInsnNode) insn).var;
            switch (insn.getOpcode()) {
                case Opcodes.LLOAD:
                case Opcodes.DLOAD:
                    live.set(var + 1);
                    live.set(var);
                    break;
                case Opcodes.ILOAD:
                case Opcodes.FLOAD:
                case Opcodes.ALOAD:
                case Opcodes.RET:
                    live.set(var);
                    break;
                default:
                    break;
            }
        } else if (insn instanceof IincInsnNode) {
            live.set(((IincInsnNode) insn).var);
        }
    }
}
