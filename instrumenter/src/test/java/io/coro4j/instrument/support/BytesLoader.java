package io.coro4j.instrument.support;

import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loads class files that exist only in memory (compiled at test time), child-first, either as they
 * are or each through the agent's {@link ClassTransformer}. {@link TransformingLoader} cannot do it:
 * it reads from the class path. Classes named in {@code ownCopies} are read from the class path but
 * still get a copy of their own here, so that static state (a {@code direct} flag) is per loader.
 *
 * <p>It also serves the in-memory class files as resources: the transformer answers hierarchy
 * questions by reading class bytes through the loader, never by loading classes.
 */
public final class BytesLoader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();
    private final ClassTransformer transformer;
    private final Map<String, byte[]> rewritten = new LinkedHashMap<>();
    private final Map<String, ClassTransformer.Report> reports = new LinkedHashMap<>();

    /** An empty loader for class files that a test defines one by one with {@link #define}. */
    public BytesLoader() {
        super(BytesLoader.class.getClassLoader());
        this.transformer = null;
    }

    private BytesLoader(Map<String, byte[]> classes, Set<String> ownCopies, boolean transform)
            throws ClassNotFoundException {
        super(BytesLoader.class.getClassLoader());
        this.classes.putAll(classes);
        for (String name : ownCopies) {
            this.classes.put(name, TransformingLoader.bytesOf(name));
        }
        this.transformer = transform ? new ClassTransformer(new ClassHierarchy()) : null;
    }

    /** A loader that rewrites every class it defines, as the agent would. */
    public static BytesLoader rewriting(Map<String, byte[]> classes, Set<String> ownCopies)
            throws ClassNotFoundException {
        return new BytesLoader(classes, ownCopies, true);
    }

    /** A loader that defines the classes as compiled: the reference copy. */
    public static BytesLoader asCompiled(Map<String, byte[]> classes, Set<String> ownCopies)
            throws ClassNotFoundException {
        return new BytesLoader(classes, ownCopies, false);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] original = classes.get(name);
        if (original == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = original;
                if (transformer != null) {
                    ClassTransformer.Report report = new ClassTransformer.Report();
                    byte[] result = transformer.transform(original, this, report);
                    reports.put(name, report);
                    if (result != null) {
                        rewritten.put(name, result);
                        bytes = result;
                    }
                }
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = classes.get(name.substring(0, name.length() - 6).replace('/', '.'));
            if (bytes != null) {
                return new ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    /** Defines {@code classFile}, whose internal name is {@code name}, as it is. */
    public Class<?> define(String name, byte[] classFile) {
        return defineClass(name.replace('/', '.'), classFile, 0, classFile.length);
    }

    /** The rewritten class files so far, by class name. */
    public Map<String, byte[]> rewritten() {
        return rewritten;
    }

    /** What the transformer reported for {@code name}, or null when it never saw it. */
    public ClassTransformer.Report report(String name) {
        return reports.get(name);
    }
}
