package io.coro4j.instrument.rewrite;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.analysis.FrameAnalysis;
import io.coro4j.instrument.analysis.FrameAnalysis.FrameFacts;
import io.coro4j.instrument.analysis.Lines;
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
 * Pass 4 (only when needed): an object under construction cannot be saved across a suspension, so
 * every {@code NEW} whose uninitialized value is live at a suspending call ({@code new Point(x(), y())}
 * where {@code x()} suspends) is moved down to its constructor call.
 *
 * <p>The uninitialized value may be copied on the operand stack ({@code NEW; DUP}) and, when javac
 * spills the stack around a switch expression with a {@code try} in an arm, into locals
 * ({@code NEW; DUP; ASTORE; ASTORE}, reloaded after the switch). So the {@code NEW} becomes a
 * placeholder, {@code null} cast to the class, which every {@code DUP}, store and load carries as
 * before, and the frames that named the uninitialized value name the class. At the constructor call
 * the arguments are spilled to fresh locals, the placeholders on the stack popped, and
 * {@code NEW; DUP; reload; INVOKESPECIAL <init>} build the object, which then replaces the placeholder
 * in the locals that held one (what the JVM does for an uninitialized value) and on the stack.
 *
 * <p>Where the {@code NEW} stood, a call to {@code Continuation.initializeClass} keeps the class's
 * static initializer in its original order, before the arguments (JDK classes excepted: their
 * initialization is not the user's to observe).
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
        // each NEW live across a site, with the first such site (named in a refusal)
        Map<TypeInsnNode, MethodInsnNode> live = new LinkedHashMap<>();
        for (MethodInsnNode site : sites) {
            FrameFacts facts = frames.before(site);
            if (facts == null) {
                continue;
            }
            List<Object> types = new ArrayList<>(facts.locals);
            types.addAll(facts.stack);
            for (Object t : types) {
                if (t instanceof Label) {
                    TypeInsnNode made = frames.newOf(t);
                    if (made == null) {
                        throw new Refusal(suspendsAt(site) + " while an object is under construction,"
                                + " and its NEW instruction cannot be found");
                    }
                    live.putIfAbsent(made, site);
                }
            }
        }
        // every constructor call is found before the code changes: the facts are those of the original
        List<Construction> constructions = new ArrayList<>();
        for (Map.Entry<TypeInsnNode, MethodInsnNode> made : live.entrySet()) {
            constructions.add(Construction.of(method, made.getKey(), made.getValue(), frames));
        }
        for (Construction construction : constructions) {
            construction.lower(method);
        }
        return !live.isEmpty();
    }

    /** "the call to Cls.m at line N can suspend", the start of a refusal about {@code site}. */
    private static String suspendsAt(MethodInsnNode site) {
        return "the call to " + Names.dotted(site.owner) + "." + site.name + " at line " + Lines.lineOf(site)
                + " can suspend";
    }

    /** One {@code NEW} and the constructor calls that initialize what it made. */
    private static final class Construction {
        final TypeInsnNode made;
        final List<Init> inits;

        Construction(TypeInsnNode made, List<Init> inits) {
            this.made = made;
            this.inits = inits;
        }

        /** A constructor call, with where the uninitialized value is copied just before it. */
        static final class Init {
            final MethodInsnNode call;
            /** Whether a copy lies on the stack right under the receiver (javac's {@code DUP}). */
            final boolean copyUnder;
            /** The locals holding a copy. */
            final List<Integer> locals;

            Init(MethodInsnNode call, boolean copyUnder, List<Integer> locals) {
                this.call = call;
                this.copyUnder = copyUnder;
                this.locals = locals;
            }
        }

        static Construction of(MethodNode method, TypeInsnNode made, MethodInsnNode site, FrameAnalysis frames) {
            List<Init> inits = new ArrayList<>();
            for (AbstractInsnNode p : method.instructions) {
                if (!isInit(p) || !((MethodInsnNode) p).owner.equals(made.desc)) {
                    continue;
                }
                MethodInsnNode call = (MethodInsnNode) p;
                FrameFacts facts = frames.before(call);
                if (facts == null) {
                    continue;
                }
                int receiver = facts.stack.size() - argumentSlots(call) - 1;
                if (receiver < 0 || frames.newOf(facts.stack.get(receiver)) != made) {
                    continue;
                }
                boolean copyUnder = receiver > 0 && frames.newOf(facts.stack.get(receiver - 1)) == made;
                for (int i = 0; i < receiver - (copyUnder ? 1 : 0); i++) {
                    if (frames.newOf(facts.stack.get(i)) == made) {
                        throw new Refusal(suspendsAt(site) + " while new " + Names.dotted(made.desc)
                                + "(...) is under construction, and that object is copied deep in the"
                                + " operand stack: not a shape that javac emits");
                    }
                }
                List<Integer> locals = new ArrayList<>();
                for (int k = 0; k < facts.locals.size(); k++) {
                    if (frames.newOf(facts.locals.get(k)) == made) {
                        locals.add(k);
                    }
                }
                inits.add(new Init(call, copyUnder, locals));
            }
            if (inits.isEmpty()) {
                throw new Refusal(suspendsAt(site) + " while new " + Names.dotted(made.desc) + "(...) at"
                        + " line " + Lines.lineOf(made) + " is under construction, and its constructor"
                        + " call cannot be found");
            }
            return new Construction(made, inits);
        }

        void lower(MethodNode method) {
            nameTheClassInFrames(method);
            InsnList placeholder = new InsnList();
            if (!Names.isJdk(made.desc)) {
                // keep the static initializer where the NEW ran it: before the arguments
                placeholder.add(new LdcInsnNode(Type.getObjectType(made.desc)));
                placeholder.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.CONTINUATION,
                        "initializeClass", "(Ljava/lang/Class;)V", false));
            }
            placeholder.add(new InsnNode(Opcodes.ACONST_NULL));
            placeholder.add(new TypeInsnNode(Opcodes.CHECKCAST, made.desc));
            method.instructions.insertBefore(made, placeholder);
            method.instructions.remove(made);
            for (Init init : inits) {
                build(method, init);
            }
        }

        /**
         * The frames between the {@code NEW} and its constructor call named the uninitialized value
         * (by the label at the {@code NEW}); they now hold the placeholder, of the class's type.
         */
        private void nameTheClassInFrames(MethodNode method) {
            for (AbstractInsnNode p : method.instructions) {
                if (p instanceof FrameNode) {
                    FrameNode frame = (FrameNode) p;
                    frame.local = named(frame.local);
                    frame.stack = named(frame.stack);
                }
            }
        }

        private List<Object> named(List<Object> types) {
            if (types == null) {
                return null;
            }
            List<Object> result = new ArrayList<>(types.size());
            for (Object t : types) {
                result.add(t instanceof LabelNode && nextInsn((LabelNode) t) == made ? made.desc : t);
            }
            return result;
        }

        /** Before {@code init.call}: spill, pop the placeholders, build; after it: replace them. */
        private void build(MethodNode method, Init init) {
            Type[] args = Type.getArgumentTypes(init.call.desc);
            int[] temps = new int[args.length];
            InsnList before = new InsnList();
            for (int i = args.length - 1; i >= 0; i--) {
                temps[i] = method.maxLocals;
                method.maxLocals += args[i].getSize();
                before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ISTORE), temps[i]));
            }
            before.add(new InsnNode(Opcodes.POP));
            if (init.copyUnder) {
                before.add(new InsnNode(Opcodes.POP));
            }
            boolean keep = init.copyUnder || !init.locals.isEmpty();
            before.add(new TypeInsnNode(Opcodes.NEW, made.desc));
            if (keep) {
                before.add(new InsnNode(Opcodes.DUP));
            }
            for (int i = 0; i < args.length; i++) {
                before.add(new VarInsnNode(args[i].getOpcode(Opcodes.ILOAD), temps[i]));
            }
            method.instructions.insertBefore(init.call, before);

            InsnList after = new InsnList();
            for (int local : init.locals) {
                after.add(new InsnNode(Opcodes.DUP));
                after.add(new VarInsnNode(Opcodes.ASTORE, local));
            }
            if (keep && !init.copyUnder) {
                after.add(new InsnNode(Opcodes.POP));
            }
            method.instructions.insert(init.call, after);
        }
    }

    private static int argumentSlots(MethodInsnNode call) {
        return (Type.getArgumentsAndReturnSizes(call.desc) >> 2) - 1;
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
