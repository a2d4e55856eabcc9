package io.coro4j.instrument.pipeline;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.analysis.CoroutineMethods;
import io.coro4j.instrument.analysis.CoroutineMethods.CoroutineLambda;
import io.coro4j.instrument.analysis.FrameAnalysis;
import io.coro4j.instrument.analysis.Lines;
import io.coro4j.instrument.analysis.MonitorAnalysis;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.rewrite.LambdaBootstraps;
import io.coro4j.instrument.rewrite.MethodRewriter;
import io.coro4j.instrument.rewrite.NewLowering;
import io.coro4j.instrument.rewrite.Refusal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Runs the passes over one class, in the order their classes number them. First, on the class:
 * the fast path ({@link FastPath}: most classes leave here, untouched), then class files from before
 * Java 6 brought up to version 50 ({@link LegacyClassFiles}). Then:
 *
 * <ol>
 *   <li>{@link CoroutineMethods}: the coroutine methods, their suspending calls, the plain methods
 *       that call coroutine methods, the coroutine lambdas;
 *   <li>{@link FrameAnalysis}, per coroutine method: the verifier's types at each suspending call;
 *   <li>{@link MonitorAnalysis}: no monitor may be held across a suspending call;
 *   <li>{@link NewLowering}, only when needed: objects under construction across a suspending call
 *       are built after their arguments (then pass 2 again, on the lowered code);
 *   <li>{@link MethodRewriter}: the state machine.
 * </ol>
 *
 * <p>Last, plain methods that call coroutine methods get a check after each such call, and coroutine
 * lambdas get their bootstrap redirected. A coroutine method the passes refuse gets a body that throws
 * the reason ({@link Refusal}); so does one on which a pass fails unexpectedly (a bug of ours), and the
 * rest of the class is rewritten all the same. A coroutine method whose rewritten code passes the JVM's
 * 64 KB limit is refused ({@code ClassWriter} says which) and the class is rewritten again without it.
 *
 * <p>Pure: bytes in, bytes out (or {@code null}: leave the class as it is), plus a {@link Report}.
 * It may throw; {@code CoroTransformer} makes sure nothing escapes to the JVM.
 */
public final class ClassTransformer {
    /** What happened to one class: what was rewritten and what was refused, and why. */
    public static final class Report {
        public final List<String> rewritten = new ArrayList<>();
        public final List<String> refused = new ArrayList<>();
        /**
         * The refusals that an unexpected failure of a pass caused (a bug of coro4j's), each with the
         * failure: a refusal message of {@link #refused} to what was thrown.
         */
        public final Map<String, Throwable> failures = new LinkedHashMap<>();
    }

    private final ClassHierarchy hierarchy;
    private final FastPath fastPath;
    private final LegacyClassFiles legacy;
    private final TransformOptions options;
    /**
     * Test seam: runs before pass 5 rewrites a coroutine method, after the passes before it may have
     * changed it. A test makes it throw to see what happens when a pass fails unexpectedly (a rewriter
     * bug); in production it does nothing.
     */
    private final Consumer<MethodNode> beforeRewrite;

    public ClassTransformer(ClassHierarchy hierarchy) {
        this(hierarchy, TransformOptions.defaults());
    }

    public ClassTransformer(ClassHierarchy hierarchy, TransformOptions options) {
        this(hierarchy, options, method -> { });
    }

    /** For tests only: see {@link #beforeRewrite}. */
    ClassTransformer(ClassHierarchy hierarchy, TransformOptions options, Consumer<MethodNode> beforeRewrite) {
        this.hierarchy = hierarchy;
        this.fastPath = new FastPath(hierarchy);
        this.legacy = new LegacyClassFiles(hierarchy);
        this.options = options;
        this.beforeRewrite = beforeRewrite;
    }

    /** The rewritten class, or {@code null} when it involves no coroutines. */
    public byte[] transform(byte[] classFile, ClassLoader loader, Report report) {
        ClassReader reader = new ClassReader(classFile);
        if (!isCandidate(classFile, reader, loader)) {
            return null;
        }
        hierarchy.register(classFile, loader);
        ClassReader modern = legacy.modernize(reader, loader);
        // a method the rewrite makes larger than the JVM allows is refused, and the class rewritten again
        Set<String> tooLarge = new HashSet<>();
        while (true) {
            Report attempt = new Report();
            try {
                byte[] result = transform(modern, loader, attempt, tooLarge);
                report.rewritten.addAll(attempt.rewritten);
                report.refused.addAll(attempt.refused);
                report.failures.putAll(attempt.failures);
                return result;
            } catch (MethodTooLargeException e) {
                if (!tooLarge.add(e.getMethodName() + e.getDescriptor())) {
                    throw e; // not a coroutine method (a plain caller), or too large as it was
                }
            }
        }
    }

    private byte[] transform(ClassReader reader, ClassLoader loader, Report report, Set<String> tooLarge) {
        ClassNode type = new ClassNode();
        reader.accept(type, ClassReader.EXPAND_FRAMES);
        CoroutineMethods found = CoroutineMethods.find(type, hierarchy, loader, options.stress());
        if (found.isEmpty()) {
            return null;
        }
        for (Map.Entry<MethodNode, List<MethodInsnNode>> entry : found.coroutineMethods.entrySet()) {
            MethodNode method = entry.getKey();
            String where = where(type, method, Lines.firstLine(method));
            try {
                if (tooLarge.contains(method.name + method.desc)) {
                    throw new Refusal("it is too large after rewriting: its code would pass the JVM's"
                            + " limit of 64 KB per method. Split it into smaller methods");
                }
                rewriteCoroutine(type, method, entry.getValue());
                report.rewritten.add(method.name + method.desc);
            } catch (Refusal refusal) {
                refuse(method, "coro4j refused to rewrite coroutine method " + where + ": "
                        + refusal.getMessage(), report);
            } catch (RuntimeException | StackOverflowError | AssertionError bug) {
                // a bug of ours on this method: the others are rewritten all the same
                String message = "coro4j failed to rewrite coroutine method " + where + " (a bug in"
                        + " coro4j: please report it with this message): " + bug + ". The method throws"
                        + " this when called; the other methods of its class were rewritten. Until the"
                        + " bug is fixed, splitting the method may avoid it";
                refuse(method, message, report);
                report.failures.put(message, bug);
            }
        }
        for (Map.Entry<MethodNode, List<MethodInsnNode>> entry : found.plainCallers.entrySet()) {
            addSuspensionChecks(type, entry.getKey(), entry.getValue());
        }
        for (CoroutineLambda lambda : found.lambdas) {
            LambdaBootstraps.redirect(lambda);
        }
        RewriteMark.mark(type);
        return write(reader, type);
    }

    /**
     * Whether {@link #transform} would look further into this class than its constant pool: false for
     * the classes it leaves as they are at once (excluded, or not involving coroutines). The agent asks
     * it about classes already loaded when it attaches, so as to retransform only those that matter.
     */
    public boolean mayInvolveCoroutines(byte[] classFile, ClassLoader loader) {
        return isCandidate(classFile, new ClassReader(classFile), loader);
    }

    /**
     * Whether the class named {@code internalName} may be transformed at all: not excluded, and included.
     * The agent asks it first, so that a class it leaves alone costs a check of its name and nothing else.
     */
    public boolean isConsidered(String internalName) {
        return !Names.isExcluded(internalName) && !options.isExcluded(internalName)
                && options.isIncluded(internalName);
    }

    private boolean isCandidate(byte[] classFile, ClassReader reader, ClassLoader loader) {
        if (!isConsidered(reader.getClassName())) {
            return false;
        }
        if (options.stress() || fastPath.isCandidate(classFile, reader, loader)) {
            return !RewriteMark.isMarked(reader); // rewritten already: by the plugin, or an earlier run
        }
        hierarchy.rememberPlain(reader, loader); // its subclasses will not read it again
        return false;
    }

    /**
     * Replaces the body of every coroutine method of the class with one that throws {@code reason}:
     * what the agent does with a class it failed to transform, so that no coroutine method runs
     * un-rewritten. Returns {@code null} when the class has no coroutine method.
     */
    public byte[] refuseAll(byte[] classFile, ClassLoader loader, String reason) {
        ClassReader reader = new ClassReader(classFile);
        ClassNode type = new ClassNode();
        // frames kept: the other methods are written back as they were, and they need them
        reader.accept(type, 0);
        CoroutineMethods found = CoroutineMethods.find(type, hierarchy, loader, options.stress());
        if (found.coroutineMethods.isEmpty()) {
            return null;
        }
        for (MethodNode method : found.coroutineMethods.keySet()) {
            Refusal.replaceBody(method, "coro4j could not transform "
                    + where(type, method, Lines.firstLine(method)) + ": " + reason);
        }
        RewriteMark.mark(type);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        type.accept(writer);
        return writer.toByteArray();
    }

    /** Passes 2 to 5 over one coroutine method, which pass 1 found with its suspending calls. */
    private void rewriteCoroutine(ClassNode type, MethodNode method, List<MethodInsnNode> sites) {
        // pass 2: the verifier's types at the suspending calls, and at the constructor calls for pass 4
        FrameAnalysis frames = FrameAnalysis.of(type.name, method, NewLowering.wanted(method, sites));
        // pass 3
        refuseMonitorsHeld(type, method, sites);
        // pass 4
        if (NewLowering.lower(method, sites, frames)) {
            frames = FrameAnalysis.of(type.name, method, sites);
        }
        beforeRewrite.accept(method);
        // pass 5
        MethodRewriter.rewrite(type, method, sites, frames);
    }

    private static void refuseMonitorsHeld(ClassNode type, MethodNode method, List<MethodInsnNode> sites) {
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            throw new Refusal("it is synchronized. A monitor cannot be held across a suspension: it"
                    + " belongs to the thread, so every other task on the loop would enter it too."
                    + " Remove 'synchronized' and guard the state with a coroutine-aware lock");
        }
        MonitorAnalysis monitors = MonitorAnalysis.of(type.name, method);
        for (MethodInsnNode site : sites) {
            if (monitors.heldBefore(site) > 0) {
                throw new Refusal("the call to " + Names.dotted(site.owner) + "." + site.name
                        + " at line " + Lines.lineOf(site) + " can suspend inside a synchronized block. A"
                        + " monitor cannot be held across a suspension: it belongs to the thread, so"
                        + " every other task on the loop would enter it too. Move the call out of the"
                        + " synchronized block");
            }
        }
    }

    private static void refuse(MethodNode method, String message, Report report) {
        Refusal.replaceBody(method, message);
        report.refused.add(message);
    }

    /** After each call from a plain method to a coroutine method: the callee must not have suspended. */
    private static void addSuspensionChecks(ClassNode type, MethodNode method, List<MethodInsnNode> calls) {
        for (MethodInsnNode call : calls) {
            InsnList check = new InsnList();
            check.add(new LdcInsnNode(where(type, method, Lines.lineOf(call))));
            check.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.CONTINUATION, "checkNotSuspended",
                    "(Ljava/lang/String;)V", false));
            method.instructions.insert(call, check);
        }
    }

    private static byte[] write(ClassReader reader, ClassNode type) {
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        type.accept(writer);
        return writer.toByteArray();
    }

    private static String where(ClassNode type, MethodNode method, int line) {
        return Names.location(type.name, method.name, type.sourceFile, line);
    }
}
