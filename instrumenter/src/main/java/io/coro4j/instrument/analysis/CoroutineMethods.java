package io.coro4j.instrument.analysis;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 1: finds the coroutine methods of one class (DESIGN "Which methods"), the lambdas that are
 * coroutine bodies, and the calls that can suspend (DESIGN "Which calls can suspend").
 */
public final class CoroutineMethods {
    /** An {@code invokedynamic} that makes a lambda or method reference of a coroutine interface. */
    public static final class CoroutineLambda {
        public final InvokeDynamicInsnNode site;
        public final Handle implementation;
        /** {@code Cls.method}: what {@code Task.getCoro()} shows for a task running this body. */
        public String coroutineName;

        CoroutineLambda(InvokeDynamicInsnNode site, Handle implementation) {
            this.site = site;
            this.implementation = implementation;
        }
    }

    /** The coroutine methods with code, in class order, each with its calls that can suspend. */
    public final Map<MethodNode, List<MethodInsnNode>> coroutineMethods = new LinkedHashMap<>();
    /** Plain methods (not coroutine methods) with their calls to coroutine methods. */
    public final Map<MethodNode, List<MethodInsnNode>> plainCallers = new LinkedHashMap<>();
    public final List<CoroutineLambda> lambdas = new ArrayList<>();

    private CoroutineMethods() {}

    public boolean isEmpty() {
        return coroutineMethods.isEmpty() && plainCallers.isEmpty() && lambdas.isEmpty();
    }

    /**
     * Finds them in {@code type}.
     *
     * @param stress treat every method with code (but constructors and initializers) as a coroutine
     *     method and every call in it as a suspension point: the torture test of the rewriter
     */
    public static CoroutineMethods find(ClassNode type, ClassHierarchy hierarchy, ClassLoader loader,
                                        boolean stress) {
        if (stress) {
            return everything(type);
        }
        CoroutineMethods found = new CoroutineMethods();
        Set<String> keys = hierarchy.coroutineKeys(type.name, loader);
        List<String> lambdaBodies = new ArrayList<>();
        for (MethodNode method : type.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof InvokeDynamicInsnNode) {
                    CoroutineLambda lambda = coroutineLambda((InvokeDynamicInsnNode) insn, hierarchy,
                            loader);
                    if (lambda != null) {
                        found.lambdas.add(lambda);
                        Handle impl = lambda.implementation;
                        if (impl.getOwner().equals(type.name)) {
                            lambdaBodies.add(impl.getName() + impl.getDesc());
                        }
                    }
                }
            }
        }
        for (MethodNode method : type.methods) {
            if (isLeaf(method)) {
                continue;
            }
            if (method.instructions.size() == 0 || method.name.startsWith("<")) {
                if (method.instructions.size() > 0) {
                    addCalls(found.plainCallers, method, hierarchy, loader);
                }
                continue;
            }
            boolean coroutine = keys.contains(Names.overrideKey(method.name, method.desc))
                    || lambdaBodies.contains(method.name + method.desc);
            addCalls(coroutine ? found.coroutineMethods : found.plainCallers, method, hierarchy, loader);
            if (coroutine) {
                found.coroutineMethods.computeIfAbsent(method, m -> new ArrayList<>());
            }
        }
        for (CoroutineLambda lambda : found.lambdas) {
            lambda.coroutineName = nameOf(lambda.implementation, type, found);
        }
        return found;
    }

    private static CoroutineMethods everything(ClassNode type) {
        CoroutineMethods found = new CoroutineMethods();
        for (MethodNode method : type.methods) {
            if (method.instructions.size() == 0 || method.name.startsWith("<") || isLeaf(method)) {
                continue;
            }
            List<MethodInsnNode> calls = new ArrayList<>();
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode && !((MethodInsnNode) insn).name.startsWith("<")) {
                    calls.add((MethodInsnNode) insn);
                }
            }
            found.coroutineMethods.put(method, calls);
        }
        return found;
    }

    /**
     * A method written to the protocol by hand, whose body is left as it is: a leaf
     * ({@code io.coro4j.protocol.Leaf}, which callers see as a coroutine method) or the runtime's call of a
     * task's body ({@code io.coro4j.protocol.CallsBody}).
     */
    private static boolean isLeaf(MethodNode method) {
        if (method.visibleAnnotations != null) {
            for (AnnotationNode a : method.visibleAnnotations) {
                if (Names.LEAF_DESC.equals(a.desc) || Names.CALLS_BODY_DESC.equals(a.desc)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void addCalls(Map<MethodNode, List<MethodInsnNode>> into, MethodNode method,
                                 ClassHierarchy hierarchy, ClassLoader loader) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode) {
                MethodInsnNode call = (MethodInsnNode) insn;
                if (hierarchy.isCoroutineMethod(call.owner, call.name, call.desc, loader)) {
                    into.computeIfAbsent(method, m -> new ArrayList<>()).add(call);
                }
            }
        }
    }

    private static CoroutineLambda coroutineLambda(InvokeDynamicInsnNode indy, ClassHierarchy hierarchy,
                                                   ClassLoader loader) {
        Handle bsm = indy.bsm;
        if (!bsm.getOwner().equals(Names.LAMBDA_METAFACTORY) || indy.bsmArgs.length < 3
                || !(indy.bsmArgs[0] instanceof Type) || !(indy.bsmArgs[1] instanceof Handle)) {
            return null;
        }
        Type made = Type.getReturnType(indy.desc);
        if (made.getSort() != Type.OBJECT) {
            return null;
        }
        String samDescriptor = ((Type) indy.bsmArgs[0]).getDescriptor();
        if (!hierarchy.isCoroutineMethod(made.getInternalName(), indy.name, samDescriptor, loader)) {
            return null;
        }
        return new CoroutineLambda(indy, (Handle) indy.bsmArgs[1]);
    }

    /**
     * A method reference is named after its target; a lambda after the one coroutine method it calls,
     * else after the method that encloses it ({@code lambda$main$0} is in {@code main}).
     */
    private static String nameOf(Handle impl, ClassNode type, CoroutineMethods found) {
        String owner = Names.simple(impl.getOwner());
        if (!impl.getName().startsWith("lambda$") || !impl.getOwner().equals(type.name)) {
            return owner + "." + impl.getName();
        }
        for (Map.Entry<MethodNode, List<MethodInsnNode>> entry : found.coroutineMethods.entrySet()) {
            MethodNode body = entry.getKey();
            if (body.name.equals(impl.getName()) && body.desc.equals(impl.getDesc())) {
                String single = null;
                for (MethodInsnNode call : entry.getValue()) {
                    String name = Names.simple(call.owner) + "." + call.name;
                    if (single != null && !single.equals(name)) {
                        single = null;
                        break;
                    }
                    single = name;
                }
                if (single != null) {
                    return single;
                }
            }
        }
        String enclosing = impl.getName().substring("lambda$".length());
        int end = enclosing.indexOf('$');
        enclosing = end < 0 ? enclosing : enclosing.substring(0, end);
        if (enclosing.equals("new") || enclosing.equals("static")) {
            enclosing = enclosing.equals("new") ? "<init>" : "<clinit>";
        }
        return owner + "." + enclosing;
    }
}
