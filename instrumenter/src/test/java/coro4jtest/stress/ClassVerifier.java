package coro4jtest.stress;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's data-flow verifier ({@link Analyzer} with {@link SimpleVerifier}) over every method of one
 * rewritten class, with the jar's own class loader answering the type questions.
 *
 * <p>{@code SimpleVerifier} loads the classes it compares. When one of them is missing (an optional
 * dependency of the jar, not on its path) the method cannot be checked: that is counted apart, as
 * unverifiable, and never as a pass.
 */
final class ClassVerifier {
    private final ClassLoader loader;

    ClassVerifier(ClassLoader loader) {
        this.loader = loader;
    }

    void verify(byte[] rewritten, JarReport report) {
        ClassNode type = new ClassNode();
        new ClassReader(rewritten).accept(type, ClassReader.SKIP_DEBUG);
        List<Type> interfaces = new ArrayList<>();
        for (String itf : type.interfaces) {
            interfaces.add(Type.getObjectType(itf));
        }
        Type superType = type.superName == null ? null : Type.getObjectType(type.superName);
        for (MethodNode method : type.methods) {
            if (method.instructions.size() == 0) {
                continue;
            }
            SimpleVerifier verifier = new SimpleVerifier(Opcodes.ASM9, Type.getObjectType(type.name),
                    superType, interfaces, (type.access & Opcodes.ACC_INTERFACE) != 0) { };
            verifier.setClassLoader(loader);
            try {
                new Analyzer<BasicValue>(verifier).analyze(type.name, method);
                report.methodsVerified++;
            } catch (Throwable failure) {
                String missing = missingClass(failure);
                if (missing != null) {
                    report.unverifiableByMissingClass.merge(missing, 1, Integer::sum);
                } else {
                    report.verifyFailures.add(type.name + "." + method.name + method.desc + ": " + failure);
                }
            }
        }
    }

    /** The class whose absence made the verifier fail, or {@code null} for a real failure. */
    private static String missingClass(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TypeNotPresentException) {
                return ((TypeNotPresentException) t).typeName();
            }
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
                return String.valueOf(t.getMessage());
            }
        }
        return null;
    }
}
