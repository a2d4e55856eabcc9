package io.coro4j.instrument.pipeline;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;

/**
 * Decides, before any method is parsed, whether a class can involve coroutines. Most classes of an
 * application never do, and they must cost the agent next to nothing (Quasar rewrote every class and
 * doubled start-up).
 *
 * <p>A class is a candidate when its bytes mention the {@code io/coro4j/} package (the annotation, the
 * task interfaces, {@code Coro}), when a supertype declares coroutine methods (an override needs no
 * annotation), or when it makes lambdas of a functional interface that declares coroutine methods.
 */
public final class FastPath {
    private static final int CONSTANT_INVOKE_DYNAMIC = 18;

    private final ClassHierarchy hierarchy;

    public FastPath(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** Whether the class must be parsed and considered for rewriting. */
    public boolean isCandidate(byte[] classFile, ClassReader header, ClassLoader loader) {
        if (ClassHierarchy.mentionsCoro4j(classFile)) {
            return true;
        }
        for (String supertype : ClassHierarchy.supertypes(header)) {
            if (hierarchy.declaresCoroutineMethods(supertype, loader)) {
                return true;
            }
        }
        return makesCoroutineLambdas(header, loader);
    }

    private boolean makesCoroutineLambdas(ClassReader header, ClassLoader loader) {
        char[] buffer = null;
        for (int i = 1; i < header.getItemCount(); i++) {
            int offset = header.getItem(i);
            if (offset == 0 || header.readByte(offset - 1) != CONSTANT_INVOKE_DYNAMIC) {
                continue;
            }
            if (buffer == null) {
                buffer = new char[header.getMaxStringLength()];
            }
            int nameAndType = header.getItem(header.readUnsignedShort(offset + 2));
            String descriptor = header.readUTF8(nameAndType + 2, buffer);
            Type made = Type.getReturnType(descriptor);
            if (made.getSort() == Type.OBJECT && !Names.isJdk(made.getInternalName())
                    && hierarchy.declaresCoroutineMethods(made.getInternalName(), loader)) {
                return true;
            }
        }
        return false;
    }
}
