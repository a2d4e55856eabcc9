package io.coro4j.instrument.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * Pass 3: how many monitors ({@code synchronized} blocks) the method holds before each instruction.
 * A suspension with a monitor held is refused: a monitor belongs to the thread, so every other task on
 * the loop would re-enter it.
 *
 * <p>ASM's {@link Analyzer} runs the data flow; each frame carries the count ({@code MONITORENTER} adds
 * one, {@code MONITOREXIT} takes one, a merge keeps the larger). Two rules make it exact on the shapes
 * javac and ecj give a {@code synchronized} block, whose catch-any handler releases the monitor and
 * rethrows (and covers its own {@code MONITOREXIT}, so as to retry it):
 *
 * <ul>
 *   <li>An exception goes to the first handler of the exception table that catches it, so no handler
 *       after a catch-any (or catch-{@code Throwable}) that covers an instruction is reached from it.
 *       In {@code try { synchronized (x) { throw e; } } catch (E e) { ... }} the outer handler is
 *       reached only from the block's own handler once it has released the monitor, never from inside
 *       the block.
 *   <li>A handler starts with the count from before the instruction that threw: a
 *       {@code MONITORENTER} that throws has entered nothing, a {@code MONITOREXIT} that throws has left
 *       nothing. ({@link Analyzer} also merges the state after the instruction into the handler; see
 *       {@link MonitorFrame}.)
 * </ul>
 */
public final class MonitorAnalysis {
    /** Enough to tell held from not held; caps the count on a loop that enters without exiting. */
    private static final int MAX_TRACKED = 16;
    private static final MonitorAnalysis NONE = new MonitorAnalysis(new IdentityHashMap<>());

    private final Map<AbstractInsnNode, Integer> held;

    private MonitorAnalysis(Map<AbstractInsnNode, Integer> held) {
        this.held = held;
    }

    /** The monitors held before {@code insn}; 0 for unreachable code. */
    public int heldBefore(AbstractInsnNode insn) {
        Integer count = held.get(insn);
        return count == null ? 0 : count;
    }

    /** Analyses {@code method} of the class {@code owner} (an internal name). */
    public static MonitorAnalysis of(String owner, MethodNode method) {
        if (!entersMonitors(method.instructions)) {
            return NONE;
        }
        MonitorAnalyzer analyzer = new MonitorAnalyzer(method);
        Frame<BasicValue>[] frames;
        try {
            frames = analyzer.analyze(owner, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("the monitor analysis failed: " + e.getMessage(), e);
        }
        Map<AbstractInsnNode, Integer> held = new IdentityHashMap<>();
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] != null) {
                held.put(method.instructions.get(i), ((MonitorFrame) frames[i]).held);
            }
        }
        return new MonitorAnalysis(held);
    }

    private static boolean entersMonitors(InsnList code) {
        for (AbstractInsnNode insn : code) {
            if (insn.getOpcode() == Opcodes.MONITORENTER) {
                return true;
            }
        }
        return false;
    }

    /** The analyzer with the exception table's first-match rule. */
    private static final class MonitorAnalyzer extends Analyzer<BasicValue> {
        /**
         * For each instruction, the position in the exception table of the first catch-all handler
         * that covers it ({@code Integer.MAX_VALUE} when none does).
         */
        private final int[] firstCatchAll;
        private final Map<TryCatchBlockNode, Integer> position = new IdentityHashMap<>();

        MonitorAnalyzer(MethodNode method) {
            super(new BasicInterpreter());
            InsnList code = method.instructions;
            firstCatchAll = new int[code.size()];
            Arrays.fill(firstCatchAll, Integer.MAX_VALUE);
            List<TryCatchBlockNode> table = method.tryCatchBlocks == null ? new ArrayList<>()
                    : method.tryCatchBlocks;
            for (int k = table.size() - 1; k >= 0; k--) {
                TryCatchBlockNode block = table.get(k);
                position.put(block, k);
                if (block.type == null || block.type.equals("java/lang/Throwable")) {
                    for (int i = code.indexOf(block.start); i < code.indexOf(block.end); i++) {
                        firstCatchAll[i] = k;
                    }
                }
            }
        }

        @Override
        protected boolean newControlFlowExceptionEdge(int insnIndex, TryCatchBlockNode block) {
            return position.get(block) <= firstCatchAll[insnIndex];
        }

        @Override
        protected Frame<BasicValue> newFrame(int numLocals, int numStack) {
            return new MonitorFrame(numLocals, numStack);
        }

        @Override
        protected Frame<BasicValue> newFrame(Frame<? extends BasicValue> frame) {
            return new MonitorFrame(frame);
        }
    }

    /**
     * A frame with the count of monitors held. {@link Analyzer} makes a handler's incoming frames by
     * copying a frame and clearing its stack ({@link #clearStack}, which it calls for nothing else):
     * once from the frame before the instruction, and (since ASM 9.9) once from the frame after it. A
     * copy of a frame that has just executed an instruction remembers the count before it, and clearing
     * its stack brings that count back.
     */
    private static final class MonitorFrame extends Frame<BasicValue> {
        int held;
        /** The count before the instruction this frame last executed, or {@link #held}. */
        int heldBeforeInsn;
        /** Whether {@link #held} is the count after an instruction this frame executed. */
        boolean executed;

        MonitorFrame(int numLocals, int numStack) {
            super(numLocals, numStack);
        }

        MonitorFrame(Frame<? extends BasicValue> frame) {
            super(frame); // calls init(frame)
        }

        @Override
        public Frame<BasicValue> init(Frame<? extends BasicValue> frame) {
            super.init(frame);
            MonitorFrame from = (MonitorFrame) frame;
            held = from.held;
            heldBeforeInsn = from.executed ? from.heldBeforeInsn : from.held;
            executed = false;
            return this;
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<BasicValue> interpreter)
                throws AnalyzerException {
            super.execute(insn, interpreter);
            heldBeforeInsn = held;
            executed = true;
            if (insn.getOpcode() == Opcodes.MONITORENTER) {
                held = Math.min(held + 1, MAX_TRACKED);
            } else if (insn.getOpcode() == Opcodes.MONITOREXIT) {
                held = Math.max(0, held - 1);
            }
        }

        @Override
        public void clearStack() {
            super.clearStack();
            held = heldBeforeInsn;
        }

        @Override
        public boolean merge(Frame<? extends BasicValue> frame, Interpreter<BasicValue> interpreter)
                throws AnalyzerException {
            boolean changed = super.merge(frame, interpreter);
            int incoming = ((MonitorFrame) frame).held;
            if (incoming > held) {
                held = incoming;
                changed = true;
            }
            heldBeforeInsn = held;
            return changed;
        }
    }
}
