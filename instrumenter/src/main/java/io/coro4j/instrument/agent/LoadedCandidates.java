package io.coro4j.instrument.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses which of the classes already loaded an agent attached late must retransform: those that can
 * involve coroutines. Retransforming is costly (the JVM rebuilds each class file and swaps the class),
 * and an application has thousands of classes of which a few use coroutines, so each class is first
 * put through the transformer's fast path, on the class file its loader serves as a resource (which is
 * what the class was defined from, in the usual case). A class whose file cannot be found that way (made
 * at run time) is retransformed anyway, and the transformer decides on the JVM's own copy of its bytes.
 */
final class LoadedCandidates {
    private LoadedCandidates() {}

    static List<Class<?>> of(Instrumentation instrumentation, CoroTransformer transformer) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.isArray() || loaded.isPrimitive() || loaded.isHidden()
                    || !instrumentation.isModifiableClass(loaded)) {
                continue;
            }
            String name = loaded.getName().replace('.', '/');
            if (!transformer.isConsidered(name)) {
                continue;
            }
            byte[] classFile = classFile(loaded.getClassLoader(), name);
            if (classFile == null || transformer.mayInvolveCoroutines(classFile, loaded.getClassLoader())) {
                candidates.add(loaded);
            }
        }
        return candidates;
    }

    /** The class file as {@code loader} serves it, or {@code null} when it does not. */
    private static byte[] classFile(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
