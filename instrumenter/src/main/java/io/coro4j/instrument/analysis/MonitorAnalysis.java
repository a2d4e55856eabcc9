package io.coro4j.instrument.analysis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Pass 3: how many monitors ({@code synchronized} blocks) the method holds before each instruction.
 * A suspension with a monitor held is refused: a monitor belongs to the thread, so every other task on
 * the loop would re-enter it.
 *
 * <p>A forward data flow over the instructions: {@code MONITORENTER} adds one, {@code MONITOREXIT}
 * takes one, merges keep the larger count, and a handler starts with the count of the instructions it
 * covers (javac's handler of a {@code synchronized} block covers the block, so it starts at one).
 */
public final class MonitorAnalysis {
    /** Enough to tell held from not held; caps the count on a loop that enters without exiting. */
    private static final int MAX_TRACKED = 16;

    private final Map<AbstractInsnNode, Integer> held = new IdentityHashMap<>();

    private MonitorAnalysis() {}

    /** The monitors held before {@code insn}; 0 for unreachable code. */
    public int heldBefore(AbstractInsnNode insn) {
        Integer count = held.get(insn);
        return count == null ? 0 : count;
    }

    public static MonitorAnalysis of(MethodNode method) {
        MonitorAnalysis result = new MonitorAnalysis();
        InsnList code = method.instructions;
        Deque<AbstractInsnNode> work = new ArrayDeque<>();
        if (code.size() == 0) {
            return result;
        }
        result.flow(code.getFirst(), 0, work);
        while (!work.isEmpty()) {
            AbstractInsnNode insn = work.poll();
            int count = result.held.get(insn);
            int after = count;
            if (insn.getOpcode() == Opcodes.MONITORENTER) {
                after = Math.min(count + 1, MAX_TRACKED);
            } else if (insn.getOpcode() == Opcodes.MONITOREXIT) {
                after = Math.max(0, count - 1);
            }
            for (TryCatchBlockNode handler : method.tryCatchBlocks) {
                if (covers(code, handler, insn)) {
                    result.flow(handler.handler, count, work);
                }
            }
            if (insn instanceof JumpInsnNode) {
                result.flow(((JumpInsnNode) insn).label, after, work);
                if (insn.getOpcode() == Opcodes.GOTO) {
                    continue;
                }
            } else if (insn instanceof TableSwitchInsnNode) {
                TableSwitchInsnNode s = (TableSwitchInsnNode) insn;
                result.flow(s.dflt, after, work);
                for (LabelNode l : s.labels) {
                    result.flow(l, after, work);
                }
                continue;
            } else if (insn instanceof LookupSwitchInsnNode) {
                LookupSwitchInsnNode s = (LookupSwitchInsnNode) insn;
                result.flow(s.dflt, after, work);
                for (LabelNode l : s.labels) {
                    result.flow(l, after, work);
                }
                continue;
            } else if (ends(insn.getOpcode())) {
                continue;
            }
            if (insn.getNext() != null) {
                result.flow(insn.getNext(), after, work);
            }
        }
        return result;
    }

    private void flow(AbstractInsnNode target, int count, Deque<AbstractInsnNode> work) {
        Integer known = held.get(target);
        if (known == null || known < count) {
            held.put(target, count);
            work.add(target);
        }
    }

    private static boolean covers(InsnList code, TryCatchBlockNode block, AbstractInsnNode insn) {
        int at = code.indexOf(insn);
        return at >= code.indexOf(block.start) && at < code.indexOf(block.end);
    }

    private static boolean ends(int opcode) {
        return opcode == Opcodes.ATHROW || (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN)
                || opcode == Opcodes.RET;
    }
}
