package io.coro4j.instrument.support;

import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the classes of one package child-first, each through the agent's {@link ClassTransformer}, as
 * the agent would; everything else (the runtime, JUnit) comes from the parent. Keeps every rewritten
 * class file for the verifier. The class files come from the class path, or from a map given to the
 * constructor (classes compiled or assembled by a test), which the loader also serves as resources so
 * that the transformer's hierarchy reads them as it reads any class.
 */
public final class TransformingLoader extends ClassLoader {
    private final String prefix;
    private final ClassTransformer transformer = new ClassTransformer(new ClassHierarchy());
    private final Map<String, byte[]> rewritten = new LinkedHashMap<>();
    private final Map<String, ClassTransformer.Report> reports = new LinkedHashMap<>();
    /** Class files not on the class path, by binary name. */
    private final Map<String, byte[]> classFiles;

    public TransformingLoader(String packagePrefix) {
        this(packagePrefix, Map.of());
    }

    public TransformingLoader(String packagePrefix, Map<String, byte[]> classFiles) {
        super(TransformingLoader.class.getClassLoader());
        this.prefix = packagePrefix;
        this.classFiles = classFiles;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(prefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] original = classFiles.containsKey(name) ? classFiles.get(name) : bytesOf(name);
                ClassTransformer.Report report = new ClassTransformer.Report();
                byte[] result = transformer.transform(original, this, report);
                reports.put(name, report);
                if (result != null) {
                    rewritten.put(name, result);
                }
                byte[] bytes = result != null ? result : original;
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
        String className = name.endsWith(".class")
                ? name.substring(0, name.length() - ".class".length()).replace('/', '.') : null;
        if (className != null && classFiles.containsKey(className)) {
            return new ByteArrayInputStream(classFiles.get(className));
        }
        return super.getResourceAsStream(name);
    }

    /** The original class file of {@code name}, from the class path. */
    public static byte[] bytesOf(String name) throws ClassNotFoundException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = TransformingLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    /** The rewritten class files so far, by class name. */
    public Map<String, byte[]> rewritten() {
        return rewritten;
    }

    /** What the transformer reported for {@code name}. */
    public ClassTransformer.Report report(String name) {
        return reports.get(name);
    }
}
