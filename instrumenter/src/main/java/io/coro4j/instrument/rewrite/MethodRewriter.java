package io.coro4j.instrument.rewrite;

import static io.coro4j.instrument.Names.CONTINUATION;
import static io.coro4j.instrument.Names.CONTINUATION_DESC;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.analysis.FrameAnalysis;
import io.coro4j.instrument.analysis.Lines;
import io.coro4j.instrument.analysis.FrameAnalysis.FrameFacts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 5: rewrites one coroutine method into a resumable state machine, following the protocol of
 * {@code io.coro4j.protocol.Continuation} (read its Javadoc first).
 *
 * <p>The shape of a rewritten method:
 *
 * <pre>
 *   c = Continuation.enter("Cls.m(Cls.java:10)")        prologue
 *   if (c.mode != 0) goto DISPATCH
 *   ... original code, where each suspending call becomes:
 *       [spill the arguments, keep the receiver in a temp, reload the arguments]
 *   INVOKE_k:                                           (full frame)
 *       invoke (the original instruction, untouched)
 *       if (c.mode != 0) goto CAPTURE_k                  the only cost on the normal path
 *   ...
 *   CAPTURE_k:  pop result; [save arguments]; save stack, receiver, locals;
 *               saveFrame(k, indy site(selfKey, location, calleeKey), c); return dummy
 *   DISPATCH:   switch (c.restoreFrame(selfKey)) { case k: goto RESTORE_k }
 *   RESTORE_k:  restore locals, receiver, stack; push dummy [or the saved] arguments; goto INVOKE_k
 * </pre>
 *
 * <p>An interface call saves and replays its real arguments instead of dummies: it may go through a
 * lambda proxy that uses them (see {@link #replaysArguments}).
 *
 * <p>Only the labels the rewrite adds get new frames; javac's frames are kept and gain the
 * continuation's local. The code is appended after the original code, outside every try range, and
 * carries the line of its call site, so traces keep the user's lines.
 */
public final class MethodRewriter {
    private static final String FRAME_SITE_DESC = "L" + Names.FRAME_SITE + ";";
    /** Binds a capture block's {@code invokedynamic} to its call site's {@code FrameSite}, once. */
    private static final Handle FRAME_SITE_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, Names.FRAME_SITE,
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)"
            + "Ljava/lang/invoke/CallSite;", false);

    private final ClassNode type;
    private final MethodNode method;
    private final FrameAnalysis frames;
    private final int continuationSlot;
    private final int receiverSlot;
    private final String selfKey;
    private final List<Object> entryLocals;
    private final InsnList tail = new InsnList();
    private final List<LabelNode> restoreLabels = new ArrayList<>();
    private int nextTemp;
    private int maxTemp;

    private MethodRewriter(ClassNode type, MethodNode method, FrameAnalysis frames) {
        this.type = type;
        this.method = method;
        this.frames = frames;
        this.continuationSlot = method.maxLocals;
        this.receiverSlot = continuationSlot + 1;
        this.selfKey = method.name + method.desc;
        this.entryLocals = entryLocals();
    }

    /**
     * Rewrites {@code method} in place.
     *
     * @param sites its suspending calls, in code order
     * @param frames the frame facts before each of them
     * @throws Refusal when a call site holds a value that cannot be saved
     */
    public static void rewrite(ClassNode type, MethodNode method, List<MethodInsnNode> sites,
                               FrameAnalysis frames) {
        new MethodRewriter(type, method, frames).rewrite(sites);
    }

    private void rewrite(List<MethodInsnNode> sites) {
        List<MethodInsnNode> reachable = new ArrayList<>();
        for (MethodInsnNode site : sites) {
            if (frames.before(site) != null) {
                reachable.add(site);
            }
        }
        // without a suspension point the prologue stores no continuation: the frames must not list one
        if (!reachable.isEmpty()) {
            addContinuationToFrames();
        }
        LabelNode dispatch = new LabelNode();
        for (int k = 0; k < reachable.size(); k++) {
            rewriteSite(k, reachable.get(k));
        }
        insertPrologue(reachable.isEmpty() ? null : dispatch);
        if (!reachable.isEmpty()) {
            appendDispatch(dispatch);
        }
        method.instructions.add(tail);
        method.maxLocals = Math.max(method.maxLocals, Math.max(receiverSlot + 1, maxTemp));
    }

    // ------------------------------------------------------------------------------------------------
    // prologue and dispatch
    // ------------------------------------------------------------------------------------------------

    private void insertPrologue(LabelNode dispatch) {
        InsnList code = new InsnList();
        int firstLine = Lines.firstLine(method);
        if (firstLine > 0) {
            LabelNode start = new LabelNode();
            code.add(start);
            code.add(new LineNumberNode(firstLine, start));
        }
        code.add(new LdcInsnNode(Names.location(type.name, method.name, type.sourceFile, firstLine)));
        if (dispatch == null) {
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, CONTINUATION, "enterWithoutSuspensionPoints",
                    "(Ljava/lang/String;)V", false));
        } else {
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, CONTINUATION, "enter",
                    "(Ljava/lang/String;)" + CONTINUATION_DESC, false));
            code.add(new VarInsnNode(Opcodes.ASTORE, continuationSlot));
            code.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
            code.add(new FieldInsnNode(Opcodes.GETFIELD, CONTINUATION, "mode", "I"));
            code.add(new JumpInsnNode(Opcodes.IFNE, dispatch));
        }
        method.instructions.insert(code);
    }

    private void appendDispatch(LabelNode dispatch) {
        LabelNode corrupt = new LabelNode();
        tail.add(dispatch);
        tail.add(entryFrame());
        tail.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        tail.add(new LdcInsnNode(selfKey));
        tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreFrame",
                "(Ljava/lang/String;)I", false));
        tail.add(new TableSwitchInsnNode(0, restoreLabels.size() - 1, corrupt,
                restoreLabels.toArray(new LabelNode[0])));
        tail.add(corrupt);
        tail.add(entryFrame());
        tail.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        tail.add(new InsnNode(Opcodes.DUP));
        tail.add(new LdcInsnNode("coro4j: no such call site to resume in "
                + Names.dotted(type.name) + "." + method.name));
        tail.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException",
                "<init>", "(Ljava/lang/String;)V", false));
        tail.add(new InsnNode(Opcodes.ATHROW));
    }

    // ------------------------------------------------------------------------------------------------
    // one call site
    // ------------------------------------------------------------------------------------------------

    private void rewriteSite(int k, MethodInsnNode call) {
        FrameFacts facts = frames.before(call);
        Type[] args = Type.getArgumentTypes(call.desc);
        boolean hasReceiver = call.getOpcode() != Opcodes.INVOKESTATIC;
        List<Object> stack = compact(facts.stack);
        int argCount = args.length;
        int belowCount = stack.size() - argCount - (hasReceiver ? 1 : 0);
        List<Object> below = new ArrayList<>(stack.subList(0, belowCount));
        Object receiverType = hasReceiver ? stack.get(belowCount) : null;
        int line = Lines.lineOf(call);
        String location = Names.location(type.name, method.name, type.sourceFile, line);
        checkSavable(facts.locals, below, receiverType, call, line);

        // the receiver is consumed by the call: keep a copy for the capture (and the arguments, in
        // temps just above it, for a call that replays them)
        int[] temps = new int[argCount];
        if (hasReceiver) {
            InsnList spill = new InsnList();
            nextTemp = receiverSlot + 1;
            for (int i = argCount - 1; i >= 0; i--) {
                temps[i] = allocate(args[i]);
                spill.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), temps[i]));
            }
            spill.add(new InsnNode(Opcodes.DUP));
            spill.add(new VarInsnNode(Opcodes.ASTORE, receiverSlot));
            for (int i = 0; i < argCount; i++) {
                spill.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), temps[i]));
            }
            method.instructions.insertBefore(call, spill);
        }
        Replay replay = replaysArguments(call)
                ? new Replay(args, stack.subList(stack.size() - argCount, stack.size()), temps) : null;
        List<Object> frameLocals = siteLocals(facts.locals, receiverType);
        if (replay != null) {
            // the temps stay live across the call, up to the capture
            frameLocals.addAll(replay.frameTypes());
        }
        LabelNode invoke = new LabelNode();
        InsnList before = new InsnList();
        before.add(invoke);
        // a branch target right before the call already has javac's frame, which is this same frame
        // (without a receiver temp there is no spill code between them): two frames at one offset are
        // not allowed
        if (!frameAtSameOffset(call)) {
            before.add(frame(frameLocals, stack));
        }
        method.instructions.insertBefore(call, before);

        LabelNode capture = new LabelNode();
        InsnList after = new InsnList();
        after.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        after.add(new FieldInsnNode(Opcodes.GETFIELD, CONTINUATION, "mode", "I"));
        after.add(new JumpInsnNode(Opcodes.IFNE, capture));
        method.instructions.insert(call, after);

        Type returned = Type.getReturnType(call.desc);
        appendCapture(k, call, capture, frameLocals, below, returned, facts.locals, receiverType,
                replay, location, line);
        appendRestore(invoke, facts.locals, below, receiverType, args, replay, line);
    }

    /**
     * Whether the re-invocation must pass the call's real arguments rather than dummies. An interface
     * call may reach its coroutine method through a JDK lambda proxy, which is not rewritten and uses
     * its arguments before the target can restore them: it unboxes them, and an unbound method
     * reference ({@code Counter::describe}) calls the target on its first one.
     */
    private static boolean replaysArguments(MethodInsnNode call) {
        return call.getOpcode() == Opcodes.INVOKEINTERFACE;
    }

    /**
     * The arguments of a call that replays them, with their verifier types at the call (more precise
     * than the parameter types, which the invoke label's frame would not accept), and the temps that
     * hold them during the call.
     */
    private static final class Replay {
        final Type[] args;
        final List<Object> types;
        final int[] temps;

        Replay(Type[] args, List<Object> types, int[] temps) {
            this.args = args;
            this.types = new ArrayList<>(types);
            this.temps = temps;
        }

        /** The temps in frame notation, in slot order (the last argument has the lowest slot). */
        List<Object> frameTypes() {
            List<Object> reversed = new ArrayList<>(types);
            Collections.reverse(reversed);
            return reversed;
        }
    }

    private void appendCapture(int k, MethodInsnNode call, LabelNode capture, List<Object> frameLocals,
                               List<Object> below, Type returned, List<Object> locals,
                               Object receiverType, Replay replay, String location, int line) {
        List<Object> stack = new ArrayList<>(below);
        if (returned.getSort() != Type.VOID) {
            stack.add(frameType(returned));
        }
        tail.add(capture);
        tail.add(frame(frameLocals, stack));
        addLine(line);
        if (returned.getSort() != Type.VOID) {
            tail.add(new InsnNode(returned.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
        }
        if (replay != null) {
            // saved first, so restored last, right where the call wants them: last argument first
            for (int i = replay.args.length - 1; i >= 0; i--) {
                if (isSaved(replay.types.get(i))) {
                    tail.add(new VarInsnNode(replay.args[i].getOpcode(Opcodes.ILOAD), replay.temps[i]));
                    saveTop(replay.types.get(i));
                }
            }
        }
        for (int i = below.size() - 1; i >= 0; i--) {
            Object t = below.get(i);
            if (t == Opcodes.NULL) {
                tail.add(new InsnNode(Opcodes.POP));
            } else {
                saveTop(t);
            }
        }
        if (receiverType != null) {
            tail.add(new VarInsnNode(Opcodes.ALOAD, receiverSlot));
            saveTop(receiverType);
        }
        for (int slot = 0; slot < locals.size(); slot++) {
            Object t = locals.get(slot);
            if (isSaved(t)) {
                tail.add(new VarInsnNode(loadOpcode(t), slot));
                saveTop(t);
            }
        }
        tail.add(intConstant(k));
        // an interface call may pass through a lambda proxy, whose frame the chain check cannot see
        String calleeKey = call.getOpcode() == Opcodes.INVOKEINTERFACE ? null : call.name + call.desc;
        String siteDesc;
        if ((type.version & 0xFFFF) >= Opcodes.V1_7) {
            tail.add(new InvokeDynamicInsnNode("site", "()" + FRAME_SITE_DESC, FRAME_SITE_BOOTSTRAP,
                    selfKey, location, calleeKey == null ? "" : calleeKey));
            siteDesc = FRAME_SITE_DESC;
        } else { // no invokedynamic before version 51: the runtime finds the site by its constants
            tail.add(new LdcInsnNode(selfKey));
            tail.add(new LdcInsnNode(location));
            tail.add(calleeKey == null ? new InsnNode(Opcodes.ACONST_NULL) : new LdcInsnNode(calleeKey));
            siteDesc = "Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;";
        }
        tail.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        tail.add(new MethodInsnNode(Opcodes.INVOKESTATIC, CONTINUATION, "saveFrame",
                "(I" + siteDesc + CONTINUATION_DESC + ")V", false));
        Type own = Type.getReturnType(method.desc);
        if (own.getSort() != Type.VOID) {
            tail.add(zero(own));
        }
        tail.add(new InsnNode(own.getOpcode(Opcodes.IRETURN)));
    }

    private void appendRestore(LabelNode invoke, List<Object> locals, List<Object> below,
                               Object receiverType, Type[] args, Replay replay, int line) {
        LabelNode restore = new LabelNode();
        restoreLabels.add(restore);
        tail.add(restore);
        tail.add(entryFrame());
        addLine(line);
        for (int slot = locals.size() - 1; slot >= 0; slot--) {
            Object t = locals.get(slot);
            if (t == Opcodes.NULL) {
                tail.add(new InsnNode(Opcodes.ACONST_NULL));
                tail.add(new VarInsnNode(Opcodes.ASTORE, slot));
            } else if (isSaved(t)) {
                restoreValue(t);
                tail.add(new VarInsnNode(storeOpcode(t), slot));
            }
        }
        if (receiverType != null) {
            restoreValue(receiverType);
            tail.add(new VarInsnNode(Opcodes.ASTORE, receiverSlot));
        }
        for (Object t : below) {
            if (t == Opcodes.NULL) {
                tail.add(new InsnNode(Opcodes.ACONST_NULL));
            } else {
                restoreValue(t);
            }
        }
        if (receiverType != null) {
            tail.add(new VarInsnNode(Opcodes.ALOAD, receiverSlot));
        }
        if (replay != null) {
            // back into their temps too, as the frame of the invoke label says
            for (int i = 0; i < args.length; i++) {
                if (isSaved(replay.types.get(i))) {
                    restoreValue(replay.types.get(i));
                } else {
                    tail.add(new InsnNode(Opcodes.ACONST_NULL));
                }
                tail.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), replay.temps[i]));
            }
            for (int i = 0; i < args.length; i++) {
                tail.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), replay.temps[i]));
            }
        } else {
            for (Type arg : args) {
                tail.add(zero(arg));
            }
        }
        tail.add(new JumpInsnNode(Opcodes.GOTO, invoke));
    }

    // ------------------------------------------------------------------------------------------------
    // saving and restoring one value
    // ------------------------------------------------------------------------------------------------

    /** Saves the value on top of the stack, of frame type {@code t}. */
    private void saveTop(Object t) {
        tail.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        String name;
        String descriptor;
        if (t == Opcodes.INTEGER) {
            name = "saveInt";
            descriptor = "I";
        } else if (t == Opcodes.FLOAT) {
            name = "saveFloat";
            descriptor = "F";
        } else if (t == Opcodes.LONG) {
            name = "saveLong";
            descriptor = "J";
        } else if (t == Opcodes.DOUBLE) {
            name = "saveDouble";
            descriptor = "D";
        } else {
            name = "saveRef";
            descriptor = "Ljava/lang/Object;";
        }
        tail.add(new MethodInsnNode(Opcodes.INVOKESTATIC, CONTINUATION, name,
                "(" + descriptor + CONTINUATION_DESC + ")V", false));
    }

    /** Pushes the next saved value, of frame type {@code t}. */
    private void restoreValue(Object t) {
        tail.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        if (t == Opcodes.INTEGER) {
            tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreInt", "()I", false));
        } else if (t == Opcodes.FLOAT) {
            tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreFloat", "()F",
                    false));
        } else if (t == Opcodes.LONG) {
            tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreLong", "()J", false));
        } else if (t == Opcodes.DOUBLE) {
            tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreDouble", "()D",
                    false));
        } else {
            tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreRef",
                    "()Ljava/lang/Object;", false));
            if (!"java/lang/Object".equals(t)) {
                tail.add(new TypeInsnNode(Opcodes.CHECKCAST, (String) t));
            }
        }
    }

    private static boolean isSaved(Object t) {
        return t != Opcodes.TOP && t != Opcodes.NULL;
    }

    private static int loadOpcode(Object t) {
        return t == Opcodes.INTEGER ? Opcodes.ILOAD : t == Opcodes.FLOAT ? Opcodes.FLOAD
                : t == Opcodes.LONG ? Opcodes.LLOAD : t == Opcodes.DOUBLE ? Opcodes.DLOAD : Opcodes.ALOAD;
    }

    private static int storeOpcode(Object t) {
        return loadOpcode(t) + (Opcodes.ISTORE - Opcodes.ILOAD);
    }

    // ------------------------------------------------------------------------------------------------
    // frames
    // ------------------------------------------------------------------------------------------------

    /** javac's frames gain the continuation's local; nothing else in them changes. */
    private void addContinuationToFrames() {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof FrameNode) {
                FrameNode f = (FrameNode) insn;
                if (f.type != Opcodes.F_NEW) {
                    throw new Refusal("frames were not expanded in " + method.name);
                }
                List<Object> locals = f.local == null ? new ArrayList<>() : new ArrayList<>(f.local);
                padTo(locals, continuationSlot);
                locals.add(CONTINUATION);
                f.local = locals;
            }
        }
    }

    private FrameNode entryFrame() {
        return frame(entryLocals, new ArrayList<>());
    }

    private List<Object> entryLocals() {
        List<Object> locals = new ArrayList<>();
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            locals.add(type.name);
        }
        for (Type arg : Type.getArgumentTypes(method.desc)) {
            locals.add(frameType(arg));
        }
        padTo(locals, continuationSlot);
        locals.add(CONTINUATION);
        return locals;
    }

    /** The locals of a call site in frame notation, plus the continuation and the receiver temp. */
    private List<Object> siteLocals(List<Object> slots, Object receiverType) {
        List<Object> locals = compact(slots);
        padTo(locals, continuationSlot);
        locals.add(CONTINUATION);
        if (receiverType != null) {
            locals.add(receiverType);
        }
        return locals;
    }

    private static FrameNode frame(List<Object> locals, List<Object> stack) {
        return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(), stack.size(),
                stack.toArray());
    }

    /** Pads a frame-notation list with TOP until it covers {@code slots} slots. */
    private static void padTo(List<Object> locals, int slots) {
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
    private static List<Object> compact(List<Object> slots) {
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

    private static Object frameType(Type t) {
        switch (t.getSort()) {
            case Type.BOOLEAN:
            case Type.CHAR:
            case Type.BYTE:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            default:
                return t.getInternalName();
        }
    }

    private void checkSavable(List<Object> locals, List<Object> below, Object receiverType,
                              MethodInsnNode call, int line) {
        List<Object> all = new ArrayList<>(locals);
        all.addAll(below);
        if (receiverType != null) {
            all.add(receiverType);
        }
        for (Object t : all) {
            if (t instanceof Label || t == Opcodes.UNINITIALIZED_THIS) {
                throw new Refusal("the call to " + Names.dotted(call.owner) + "." + call.name
                        + " at line " + line + " can suspend while an object is under construction"
                        + " in a shape the rewriter does not handle");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // small helpers
    // ------------------------------------------------------------------------------------------------

    private int allocate(Type t) {
        int slot = nextTemp;
        nextTemp += t.getSize();
        maxTemp = Math.max(maxTemp, nextTemp);
        return slot;
    }

    private void addLine(int line) {
        if (line > 0) {
            LabelNode here = new LabelNode();
            tail.add(here);
            tail.add(new LineNumberNode(line, here));
        }
    }

    private static boolean frameAtSameOffset(AbstractInsnNode insn) {
        for (AbstractInsnNode p = insn.getPrevious(); p != null && p.getOpcode() < 0; p = p.getPrevious()) {
            if (p instanceof FrameNode) {
                return true;
            }
        }
        return false;
    }



    private static AbstractInsnNode intConstant(int value) {
        if (value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value <= Short.MAX_VALUE) {
            return new IntInsnNode(value <= Byte.MAX_VALUE ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }

    private static AbstractInsnNode zero(Type t) {
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
}
