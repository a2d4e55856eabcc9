package io.coro4j.instrument.rewrite;

import static io.coro4j.instrument.Names.CONTINUATION;
import static io.coro4j.instrument.Names.CONTINUATION_DESC;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.analysis.FrameAnalysis;
import io.coro4j.instrument.analysis.Lines;
import io.coro4j.instrument.analysis.FrameAnalysis.FrameFacts;
import io.coro4j.instrument.analysis.LiveLocals;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
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
 *   ... original code, where each suspending call k becomes:
 *       [spill the arguments, keep the receiver in a temp, reload the arguments]
 *   INVOKE_k:                                           (full frame)
 *       invoke (the original instruction, untouched)
 *       if (c.mode != 0) goto CAPTURE_k                  the only cost on the normal path
 *   ...
 *   CAPTURE_k:  pop result; [save arguments]; save receiver;
 *               small frame:  save stack below, locals; saveFrame(k, indy site k, c); return dummy
 *               large frame:  site = k; frameSite = indy site k; goto SAVE(node of k)
 *   SAVE(n):    save the value of node n; goto SAVE(parent of n)
 *   SAVE(root): saveFrame(site, frameSite, c); return dummy
 *   DISPATCH:   switch (site = c.nextRestoreSite(selfKey))     the top record's site, not taken yet
 *                 small frame k: c.restoreFrame(indy site k)      take it: it must be site k's
 *                                restore locals, stack below; goto END_k
 *                 large frames:  c.restoreFrame(selfKey); goto RESTORE(root)
 *   RESTORE(n): restore the value of node n; where paths part, site picks the child (or END_site)
 *   END_k:      restore receiver; push dummy [or the saved] arguments; goto INVOKE_k
 * </pre>
 *
 * <p><b>Shared capture and restore code.</b> A site's saved frame is its locals, from slot 0 up, then
 * the operand stack below its call, from the bottom up; the large frames of a method's sites form a
 * trie of values ({@link SaveTree}), and each node's value is saved and restored by code written
 * once. Each site writes only what is its own (its result, receiver and arguments) and joins the
 * trie at its last value. The sites of one expression share all but their last operand, and
 * statements in a row share their locals, so the code grows by a constant per suspension point. One
 * block per site, as before, grew with the operands pending under each call: a concatenation or a
 * call of n suspending operands was O(n&sup2;) and refused as too large from about 100. Sharing costs
 * a few jumps, compares and locals per frame when suspending and resuming, so a small frame (at most
 * {@code SaveTree.OWN_BLOCK_VALUES} values, while the method's small frames stay within a budget)
 * keeps straight-line blocks of its own, the fastest code, whose bounded size keeps the growth
 * linear. Within a record the values are saved top first (arguments of an interface call, receiver,
 * stack below, locals from the highest slot down) and restored in the reverse order. The normal path
 * is the same either way.
 *
 * <p>An interface call saves and replays its real arguments instead of dummies: it may go through a
 * lambda proxy that uses them (see {@link #replaysArguments}).
 *
 * <p>A primitive local dead after the call ({@link LiveLocals}) is not saved: the resume re-executes
 * the call and goes on from there, so it is never read again, and the restore gives it a zero of its
 * type (a constant store), so that the frames at and after the call, javac's among them, still hold. A
 * dead reference is saved: it keeps what it holds reachable while the task is suspended, as a CPython
 * frame does (see {@code SaveTree.Site#dead}).
 *
 * <p>Only the labels the rewrite adds get new frames; javac's frames are kept and gain the
 * continuation's local. The code is appended after the original code, outside every try range; a
 * site's own blocks carry the line of its call, so traces keep the user's lines.
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
    /** No invokedynamic before version 51: there the runtime finds a frame site by its constants. */
    private final boolean indy;
    private final String selfKey;
    private final List<Object> entryLocals;
    private final InsnList tail = new InsnList();
    /*
     * The locals the rewrite adds, after the method's own. The site number and frame site live only in
     * capture and restore code, after the argument temps are saved or before they are restored, so
     * they may share their slots.
     */
    private final int continuationSlot;
    private final int receiverSlot;
    private final int siteSlot;
    /** The call site's FrameSite while capturing (before version 51: its location). */
    private final int frameSiteSlot;
    /** Before version 51: the callee key while capturing. */
    private final int calleeSlot;
    private int maxTemp;

    /** One suspending call: what the tree knows of it, and what its own blocks need. */
    private static final class CallSite extends SaveTree.Site {
        final MethodInsnNode call;
        final Type[] args;
        /** The frame type of the receiver, or null for a static call. */
        final Object receiverType;
        /** The arguments' frame types, for a call that replays them; else null. */
        final List<Object> replayTypes;
        final int[] temps;
        /** The frame at the invoke label: the locals, with the continuation and the temps. */
        final List<Object> frameLocals;
        final LabelNode invoke = new LabelNode();
        final LabelNode capture = new LabelNode();
        final int line;

        CallSite(MethodInsnNode call, List<Object> locals, List<Object> below, BitSet liveAfter,
                 Object receiverType, List<Object> replayTypes, int[] temps, List<Object> frameLocals) {
            super(locals, below, liveAfter);
            this.call = call;
            this.args = Type.getArgumentTypes(call.desc);
            this.receiverType = receiverType;
            this.replayTypes = replayTypes;
            this.temps = temps;
            this.frameLocals = frameLocals;
            this.line = Lines.lineOf(call);
        }
    }

    private MethodRewriter(ClassNode type, MethodNode method, FrameAnalysis frames) {
        this.type = type;
        this.method = method;
        this.frames = frames;
        this.indy = (type.version & 0xFFFF) >= Opcodes.V1_7;
        this.continuationSlot = method.maxLocals;
        this.receiverSlot = continuationSlot + 1;
        this.siteSlot = receiverSlot + 1;
        this.frameSiteSlot = siteSlot + 1;
        this.calleeSlot = frameSiteSlot + 1;
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
        if (reachable.isEmpty()) {
            // without a suspension point the prologue stores no continuation: the frames must not list one
            insertPrologue(null);
            return;
        }
        List<CallSite> calls = new ArrayList<>();
        LiveLocals live = LiveLocals.of(method); // before the code changes
        for (MethodInsnNode call : reachable) {
            calls.add(checked(call, live.after(call)));
        }
        addContinuationToFrames();
        for (CallSite site : calls) {
            rewriteNormalPath(site);
        }
        SaveTree tree = new SaveTree(calls, continuationSlot, siteSlot);
        for (CallSite site : calls) {
            appendCapture(site, tree);
        }
        List<Object> captureLocals = indy
                ? List.of(CONTINUATION, Opcodes.TOP, Opcodes.INTEGER, Names.FRAME_SITE)
                : List.of(CONTINUATION, Opcodes.TOP, Opcodes.INTEGER, "java/lang/String", "java/lang/String");
        tree.appendCapture(tail, captureLocals, code -> closeRecord(code, null));
        LabelNode dispatch = new LabelNode();
        appendDispatch(dispatch, tree);
        insertPrologue(dispatch);
        method.instructions.add(tail);
        method.maxLocals = Math.max(method.maxLocals, Math.max((indy ? frameSiteSlot : calleeSlot) + 1,
                maxTemp));
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

    /**
     * The restore: the record's site number picks the site's own restore block, or the shared tree
     * (which needs the number in its local). The record must be this method's: a site's own block checks
     * it by the number of its {@code FrameSite}, a constant there (an {@code invokedynamic}, as in its
     * capture block), so that the check is one compare; the shared tree, and every block of a class
     * file too old for {@code invokedynamic}, by the self key, which the runtime finds from the record.
     */
    private void appendDispatch(LabelNode dispatch, SaveTree tree) {
        LabelNode corrupt = new LabelNode();
        tail.add(dispatch);
        tail.add(entryFrame());
        tail.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        tail.add(new LdcInsnNode(selfKey));
        tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, indy ? "nextRestoreSite" : "restoreFrame",
                "(Ljava/lang/String;)I", false));
        List<Object> treeSuffix = List.of(CONTINUATION, Opcodes.TOP, Opcodes.INTEGER);
        if (tree.hasShared()) {
            tail.add(new VarInsnNode(Opcodes.ISTORE, siteSlot));
            tail.add(new VarInsnNode(Opcodes.ILOAD, siteSlot));
        }
        // with invokedynamic, the record is taken where the switch leads; before it, at the dispatch
        LabelNode shared = indy ? new LabelNode() : tree.restoreEntry();
        List<SaveTree.Site> sites = tree.sites();
        LabelNode[] targets = new LabelNode[sites.size()];
        for (int k = 0; k < targets.length; k++) {
            targets[k] = sites.get(k).shared ? shared : new LabelNode();
        }
        tail.add(new TableSwitchInsnNode(0, targets.length - 1, corrupt, targets));
        if (indy && tree.hasShared()) {
            List<Object> locals = new ArrayList<>();
            FrameValues.padTo(locals, continuationSlot);
            locals.addAll(treeSuffix);
            tail.add(shared);
            tail.add(FrameValues.frame(locals, new ArrayList<>()));
            takeRecordBySelfKey(tail);
            tail.add(new JumpInsnNode(Opcodes.GOTO, tree.restoreEntry()));
        }
        tree.appendRestore(tail, treeSuffix, (code, site) -> appendRestoreEnd(code, (CallSite) site, tree));
        for (int k = 0; k < targets.length; k++) {
            if (!sites.get(k).shared) {
                CallSite site = (CallSite) sites.get(k);
                tail.add(targets[k]);
                tail.add(entryFrame());
                if (indy) {
                    tail.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
                    tail.add(frameSite(site));
                    tail.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreFrame",
                            "(" + FRAME_SITE_DESC + ")V", false));
                }
                appendRestoreEnd(tail, site, tree);
            }
        }
        tail.add(corrupt);
        tail.add(entryFrame());
        if (indy) {
            takeRecordBySelfKey(tail); // a record of another method is named as such
        }
        tail.add(Refusal.throwIllegalState("coro4j: no such call site to resume in "
                + Names.dotted(type.name) + "." + method.name));
    }

    /** {@code c.restoreFrame(selfKey)}: takes the record, which must be this method's, by its self key. */
    private void takeRecordBySelfKey(InsnList code) {
        code.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        code.add(new LdcInsnNode(selfKey));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, CONTINUATION, "restoreFrame",
                "(Ljava/lang/String;)I", false));
        code.add(new InsnNode(Opcodes.POP));
    }

    // ------------------------------------------------------------------------------------------------
    // one call site
    // ------------------------------------------------------------------------------------------------

    /**
     * The frame of one call, refused when it holds a value that cannot be saved.
     *
     * @param liveAfter the local slots live after the call: only those are saved
     */
    private CallSite checked(MethodInsnNode call, BitSet liveAfter) {
        FrameFacts facts = frames.before(call);
        int argCount = Type.getArgumentTypes(call.desc).length;
        boolean hasReceiver = call.getOpcode() != Opcodes.INVOKESTATIC;
        List<Object> locals = FrameValues.compact(facts.locals);
        List<Object> stack = FrameValues.compact(facts.stack);
        int belowCount = stack.size() - argCount - (hasReceiver ? 1 : 0);
        List<Object> below = new ArrayList<>(stack.subList(0, belowCount));
        Object receiverType = hasReceiver ? stack.get(belowCount) : null;
        List<Object> replayTypes = replaysArguments(call)
                ? new ArrayList<>(stack.subList(stack.size() - argCount, stack.size())) : null;
        List<Object> all = new ArrayList<>(stack); // the receiver and the arguments are in it
        all.addAll(locals);
        for (Object t : all) {
            if (FrameValues.kind(t) == FrameValues.Kind.UNINITIALIZED) {
                throw new Refusal("the call to " + Names.dotted(call.owner) + "." + call.name
                        + " at line " + Lines.lineOf(call) + " can suspend while an object is under"
                        + " construction in a shape the rewriter does not handle");
            }
        }
        int[] temps = new int[argCount];
        List<Object> frameLocals = new ArrayList<>(locals);
        FrameValues.padTo(frameLocals, continuationSlot);
        frameLocals.add(CONTINUATION);
        if (hasReceiver) {
            frameLocals.add(receiverType);
        }
        if (replayTypes != null) {
            // the argument temps stay live across the call, up to the capture; in slot order, the last
            // argument has the lowest
            List<Object> reversed = new ArrayList<>(replayTypes);
            Collections.reverse(reversed);
            frameLocals.addAll(reversed);
        }
        return new CallSite(call, locals, below, liveAfter, receiverType, replayTypes, temps, frameLocals);
    }

    /**
     * The normal path of one call: the receiver kept in a temp (it is consumed by the call, and the
     * capture saves it), the invoke label with its frame, and the mode check after the call.
     */
    private void rewriteNormalPath(CallSite site) {
        MethodInsnNode call = site.call;
        Type[] args = site.args;
        if (site.receiverType != null) {
            // the arguments go to temps just above the receiver's, so that it can be copied
            InsnList spill = new InsnList();
            int next = receiverSlot + 1;
            for (int i = args.length - 1; i >= 0; i--) {
                site.temps[i] = next;
                next += args[i].getSize();
                spill.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), site.temps[i]));
            }
            maxTemp = Math.max(maxTemp, next);
            spill.add(new InsnNode(Opcodes.DUP));
            spill.add(new VarInsnNode(Opcodes.ASTORE, receiverSlot));
            for (int i = 0; i < args.length; i++) {
                spill.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), site.temps[i]));
            }
            method.instructions.insertBefore(call, spill);
        }
        InsnList before = new InsnList();
        before.add(site.invoke);
        // a branch target right before the call already has javac's frame, which is this same frame
        // (without a receiver temp there is no spill code between them): two frames at one offset are
        // not allowed
        if (!frameAtSameOffset(call)) {
            before.add(FrameValues.frame(site.frameLocals, FrameValues.compact(frames.before(call).stack)));
        }
        method.instructions.insertBefore(call, before);

        InsnList after = new InsnList();
        after.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        after.add(new FieldInsnNode(Opcodes.GETFIELD, CONTINUATION, "mode", "I"));
        after.add(new JumpInsnNode(Opcodes.IFNE, site.capture));
        method.instructions.insert(call, after);
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
     * A site's capture block: what only it holds (the callee's dummy result, the arguments it replays,
     * its receiver); then either the rest of its frame and the record's close, or its number and frame
     * site in their locals and a jump to the shared saves of its frame.
     */
    private void appendCapture(CallSite site, SaveTree tree) {
        List<Object> stack = new ArrayList<>(site.below);
        Type returned = Type.getReturnType(site.call.desc);
        if (returned.getSort() != Type.VOID) {
            stack.add(FrameValues.frameType(returned));
        }
        tail.add(site.capture);
        tail.add(FrameValues.frame(site.frameLocals, stack));
        addLine(site.line);
        if (returned.getSort() != Type.VOID) {
            tail.add(new InsnNode(returned.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP));
        }
        if (site.replayTypes != null) {
            // saved first, so restored last, right where the call wants them: last argument first
            for (int i = site.args.length - 1; i >= 0; i--) {
                FrameValues.saveLocal(tail, site.replayTypes.get(i), site.temps[i], continuationSlot);
            }
        }
        if (site.receiverType != null) {
            FrameValues.saveLocal(tail, site.receiverType, receiverSlot, continuationSlot);
        }
        if (!site.shared) {
            tree.appendStraightCapture(tail, site);
            closeRecord(tail, site);
            return;
        }
        tail.add(FrameValues.intConstant(site.index));
        tail.add(new VarInsnNode(Opcodes.ISTORE, siteSlot));
        if (indy) {
            tail.add(frameSite(site));
            tail.add(new VarInsnNode(Opcodes.ASTORE, frameSiteSlot));
        } else {
            tail.add(new LdcInsnNode(location(site)));
            tail.add(new VarInsnNode(Opcodes.ASTORE, frameSiteSlot));
            tail.add(pushCalleeKey(site));
            tail.add(new VarInsnNode(Opcodes.ASTORE, calleeSlot));
        }
        tail.add(new JumpInsnNode(Opcodes.GOTO, tree.captureEntry(site)));
    }

    /**
     * The end of every capture: close the record with the site's number and frame site, return. They
     * are constants in a site's own block, and in their locals at the end of the shared saves
     * ({@code site == null}).
     */
    private void closeRecord(InsnList code, CallSite site) {
        code.add(site != null ? FrameValues.intConstant(site.index) : new VarInsnNode(Opcodes.ILOAD, siteSlot));
        String siteDesc;
        if (indy) {
            code.add(site != null ? frameSite(site) : new VarInsnNode(Opcodes.ALOAD, frameSiteSlot));
            siteDesc = FRAME_SITE_DESC;
        } else {
            code.add(new LdcInsnNode(selfKey));
            code.add(site != null ? new LdcInsnNode(location(site)) : new VarInsnNode(Opcodes.ALOAD, frameSiteSlot));
            code.add(site != null ? pushCalleeKey(site) : new VarInsnNode(Opcodes.ALOAD, calleeSlot));
            siteDesc = "Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;";
        }
        code.add(new VarInsnNode(Opcodes.ALOAD, continuationSlot));
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, CONTINUATION, "saveFrame",
                "(I" + siteDesc + CONTINUATION_DESC + ")V", false));
        Type own = Type.getReturnType(method.desc);
        if (own.getSort() != Type.VOID) {
            code.add(FrameValues.zero(own));
        }
        code.add(new InsnNode(own.getOpcode(Opcodes.IRETURN)));
    }

    /** The {@code invokedynamic} that yields the site's {@code FrameSite} (version 51 on). */
    private AbstractInsnNode frameSite(CallSite site) {
        String callee = calleeKey(site);
        return new InvokeDynamicInsnNode("site", "()" + FRAME_SITE_DESC, FRAME_SITE_BOOTSTRAP, selfKey,
                location(site), callee == null ? "" : callee);
    }

    private String location(CallSite site) {
        return Names.location(type.name, method.name, type.sourceFile, site.line);
    }

    /**
     * The name and descriptor of the method the site calls, or null for an interface call: it may pass
     * through a lambda proxy, whose frame the chain check cannot see.
     */
    private static String calleeKey(CallSite site) {
        return replaysArguments(site.call) ? null : site.call.name + site.call.desc;
    }

    /** {@link #calleeKey} pushed, before version 51. */
    private static AbstractInsnNode pushCalleeKey(CallSite site) {
        String callee = calleeKey(site);
        return callee == null ? new InsnNode(Opcodes.ACONST_NULL) : new LdcInsnNode(callee);
    }

    /**
     * The end of a site's restore, from where its frame is restored (by the shared tree) or is to be
     * (by straight-line code, first): the receiver (back into its temp too, as the invoke label's frame
     * says), the arguments, and the jump back to the call.
     */
    private void appendRestoreEnd(InsnList code, CallSite site, SaveTree tree) {
        if (site.line > 0) {
            LabelNode here = new LabelNode();
            code.add(here);
            code.add(new LineNumberNode(site.line, here));
        }
        if (!site.shared) {
            tree.appendStraightRestore(code, site);
        }
        if (site.receiverType != null) {
            FrameValues.push(code, site.receiverType, continuationSlot);
            code.add(new InsnNode(Opcodes.DUP));
            code.add(new VarInsnNode(Opcodes.ASTORE, receiverSlot));
        }
        Type[] args = site.args;
        if (site.replayTypes != null) {
            // back into their temps too, as the frame of the invoke label says
            for (int i = 0; i < args.length; i++) {
                FrameValues.push(code, site.replayTypes.get(i), continuationSlot);
                code.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), site.temps[i]));
            }
            for (int i = 0; i < args.length; i++) {
                code.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), site.temps[i]));
            }
        } else {
            for (Type arg : args) {
                code.add(FrameValues.zero(arg));
            }
        }
        code.add(new JumpInsnNode(Opcodes.GOTO, site.invoke));
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
                FrameValues.padTo(locals, continuationSlot);
                locals.add(CONTINUATION);
                f.local = locals;
            }
        }
    }

    private FrameNode entryFrame() {
        return FrameValues.frame(entryLocals, new ArrayList<>());
    }

    private List<Object> entryLocals() {
        List<Object> locals = new ArrayList<>();
        if ((method.access & Opcodes.ACC_STATIC) == 0) {
            locals.add(type.name);
        }
        for (Type arg : Type.getArgumentTypes(method.desc)) {
            locals.add(FrameValues.frameType(arg));
        }
        FrameValues.padTo(locals, continuationSlot);
        locals.add(CONTINUATION);
        return locals;
    }

    // ------------------------------------------------------------------------------------------------
    // small helpers
    // ------------------------------------------------------------------------------------------------

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
}
