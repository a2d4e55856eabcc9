package io.coro4j.instrument.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Shapes whose source is compiled at test time (by javac or ecj, for a chosen release), then run as
 * compiled and rewritten: the differential harness of {@code ShapesTest} for sources that Maven's own
 * compilation cannot give (another compiler, a later release). The sources are test resources, under
 * {@code src/test/resources}, by class name.
 */
public final class CompiledShapes {
    /** The compilers the shapes are compiled with. */
    public enum Compiler {
        JAVAC, ECJ
    }

    private static final Map<String, CompiledShapes> COMPILED = new ConcurrentHashMap<>();

    private final String className;
    private final Map<String, byte[]> classFiles;
    private final BytesLoader asCompiled;
    private final BytesLoader rewriting;

    private CompiledShapes(String className, Map<String, byte[]> classFiles) {
        this.className = className;
        this.classFiles = classFiles;
        try {
            this.asCompiled = BytesLoader.asCompiled(classFiles, Set.of());
            this.rewriting = BytesLoader.rewriting(classFiles, Set.of());
            for (java.lang.reflect.Field field : asCompiled.loadClass(className).getFields()) {
                if (field.getName().equals("direct")) {
                    field.setBoolean(null, true);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The class {@code className} (and the others of its source), compiled by {@code compiler} for
     * {@code release}; compiled once per test run. Its shapes suspend unless its public static field
     * {@code direct}, if it has one, is set, as it is in the copy run as compiled.
     */
    public static CompiledShapes of(String className, Compiler compiler, int release) {
        return COMPILED.computeIfAbsent(className + " " + compiler + " " + release, key -> {
            Map<String, String> sources = Map.of(className, source(className));
            return new CompiledShapes(className, compiler == Compiler.JAVAC
                    ? InMemoryCompiler.compile(sources, release)
                    : InMemoryCompiler.compileWithEcj(sources, release));
        });
    }

    /** The text of the source of {@code className}, a test resource. */
    public static String source(String className) {
        String resource = className.replace('.', '/') + ".java";
        try (InputStream in = CompiledShapes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class file of the class, as compiled. */
    public byte[] classFile() {
        return classFiles.get(className);
    }

    /** The names of the public static methods of the class whose names start with {@code prefix}. */
    public List<String> methods(String prefix) {
        return Arrays.stream(load(asCompiled).getDeclaredMethods())
                .filter(m -> m.getName().startsWith(prefix) && Modifier.isStatic(m.getModifiers())
                        && Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).sorted().collect(Collectors.toList());
    }

    /**
     * Runs the shape as compiled (never suspending) and rewritten (resumed after each suspension), and
     * checks that both give the same result and that the rewritten one suspended. The results compare
     * by their string forms: the two runs' classes (records, say) come from two loaders.
     */
    public void assertRewrittenRunsAsCompiled(String shape) throws Exception {
        Object expected = invoke(load(asCompiled).getMethod(shape));
        Method rewritten = load(rewriting).getMethod(shape);
        Driver.Outcome outcome = Driver.runCallable(() -> invoke(rewritten));

        assertNull(outcome.failure, () -> "failed: " + stackOf(outcome.failure));
        assertEquals(String.valueOf(expected), String.valueOf(outcome.result));
        assertTrue(outcome.suspensions > 0, "the shape must really suspend");
    }

    /** Runs {@code method} rewritten, resumed after each suspension. */
    public Driver.Outcome runRewritten(String method) throws Exception {
        Method rewritten = load(rewriting).getMethod(method);
        return Driver.runCallable(() -> invoke(rewritten));
    }

    /** What the transformer reported for the class (loading it rewritten first). */
    public io.coro4j.instrument.pipeline.ClassTransformer.Report report() {
        load(rewriting);
        return rewriting.report(className);
    }

    /** The rewritten class files so far, checked by ASM's verifier. */
    public void assertRewrittenClassesVerify() {
        load(rewriting);
        assertTrue(!rewriting.rewritten().isEmpty(), "nothing was rewritten");
        Verification.assertValid(rewriting.rewritten(), rewriting);
    }

    private Class<?> load(ClassLoader loader) {
        try {
            return loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Method method) throws Exception {
        try {
            return method.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw (Error) e.getCause();
        }
    }

    private static String stackOf(Throwable t) {
        if (t == null) {
            return "";
        }
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
