package io.coro4j.instrument.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.AnalyzerAdapter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Pass 2: the verifier's types of the locals and the operand stack just before chosen instructions.
 *
 * <p>It trusts javac's stack map frames at merge points and only simulates the straight-line code
 * between them (ASM's {@link AnalyzerAdapter}), so it never needs a common supertype and never loads
 * a class. The method must have been read with {@code ClassReader.EXPAND_FRAMES}.
 *
 * <p>Types are in ASM's frame notation ({@link Opcodes#INTEGER}, {@link Opcodes#NULL}, internal names,
 * {@link Label}s for uninitialized values), one entry per slot: a {@code long} or {@code double} is
 * followed by {@link Opcodes#TOP}.
 */
public final class FrameAnalysis {
    /** The types before one instruction. */
    public static final class FrameFacts {
        public final List<Object> locals;
        public final List<Object> stack;

        FrameFacts(List<Object> locals, List<Object> stack) {
            this.locals = locals;
            this.stack = stack;
        }
    }

    private final Map<AbstractInsnNode, FrameFacts> facts = new IdentityHashMap<>();
    /** Uninitialized values: the label AnalyzerAdapter used for each, to the {@code NEW} that made it. */
    private final Map<Label, TypeInsnNode> news = new HashMap<>();

    private FrameAnalysis() {}

    /** The facts before {@code insn}, or {@code null} when it is unreachable or was not asked for. */
    public FrameFacts before(AbstractInsnNode insn) {
        return facts.get(insn);
    }

    /** The {@code NEW} instruction that made an uninitialized value, or {@code null}. */
    public TypeInsnNode newOf(Object uninitialized) {
        return uninitialized instanceof Label ? news.get(uninitialized) : null;
    }

    /**
     * Analyses {@code method} of class {@code owner}, recording the facts before each instruction in
     * {@code wanted}.
     */
    public static FrameAnalysis of(String owner, MethodNode method,
                                   java.util.Collection<? extends AbstractInsnNode> wanted) {
        FrameAnalysis analysis = new FrameAnalysis();
        Map<AbstractInsnNode, Boolean> asked = new IdentityHashMap<>();
        for (AbstractInsnNode insn : wanted) {
            asked.put(insn, Boolean.TRUE);
        }
        Recorder recorder = new Recorder(analysis, asked);
        AnalyzerAdapter adapter = new AnalyzerAdapter(owner, method.access, method.name, method.desc,
                recorder);
        recorder.adapter = adapter;
        // replay the instructions one by one so that the recorder knows which node it is looking at
        adapter.visitCode();
        for (AbstractInsnNode insn : method.instructions) {
            recorder.current = insn;
            insn.accept(adapter);
        }
        return analysis;
    }

    /** Sits behind the adapter: sees each event before the adapter applies it. */
    private static final class Recorder extends MethodVisitor {
        final FrameAnalysis analysis;
        final Map<AbstractInsnNode, Boolean> asked;
        AnalyzerAdapter adapter;
        AbstractInsnNode current;
        TypeInsnNode pendingNew;

        Recorder(FrameAnalysis analysis, Map<AbstractInsnNode, Boolean> asked) {
            super(Opcodes.ASM9);
            this.analysis = analysis;
            this.asked = asked;
        }

        private void before() {
            if (pendingNew != null) {
                if (adapter.stack != null && !adapter.stack.isEmpty()) {
                    Object top = adapter.stack.get(adapter.stack.size() - 1);
                    if (top instanceof Label) {
                        analysis.news.put((Label) top, pendingNew);
                    }
                }
                pendingNew = null;
            }
            if (asked.containsKey(current) && adapter.locals != null) {
                analysis.facts.put(current, new FrameFacts(new ArrayList<>(adapter.locals),
                        new ArrayList<>(adapter.stack)));
            }
        }

        @Override
        public void visitInsn(int opcode) {
            before();
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            before();
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            before();
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            before();
            if (opcode == Opcodes.NEW) {
                pendingNew = (TypeInsnNode) current;
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            before();
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                    boolean isInterface) {
            before();
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor,
                                           org.objectweb.asm.Handle bsm, Object... bsmArgs) {
            before();
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            before();
        }

        @Override
        public void visitLdcInsn(Object value) {
            before();
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            before();
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            before();
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            before();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            before();
        }

        @Override
        public void visitLabel(Label label) {
            before();
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            before();
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            before();
        }
    }

    /** Whether a frame type takes two slots. */
    public static boolean isWide(Object type) {
        return type == Opcodes.LONG || type == Opcodes.DOUBLE;
    }
}
