package coro4jtest.stress;

import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.pipeline.TransformOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Runs every class of one jar through the rewriter in stress mode (every method a coroutine method,
 * every call a suspension point), then through ASM's verifier.
 *
 * <p>The class loader is the jar (plus the jars it needs at run time) over the platform loader, so
 * that hierarchy questions and the verifier see the jar as an application would, and nothing of the
 * test's own class path leaks in.
 */
final class JarStress {
    /** Verify every {@code verifyEvery}-th transformed class (by entry order); 1 verifies all. */
    private final int verifyEvery;

    JarStress(int verifyEvery) {
        this.verifyEvery = verifyEvery;
    }

    JarReport run(String label, Path jar, List<Path> runtimePath) throws IOException {
        JarReport report = new JarReport(label);
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        for (Path dependency : runtimePath) {
            urls.add(dependency.toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader());
             JarFile file = new JarFile(jar.toFile())) {
            ClassTransformer transformer = new ClassTransformer(new ClassHierarchy(),
                    new TransformOptions(true, List.of()));
            ClassVerifier verifier = new ClassVerifier(loader);
            List<JarEntry> entries = Collections.list(file.entries());
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            int transformed = 0;
            Map<String, byte[]> forJvm = new LinkedHashMap<>();
            for (JarEntry entry : entries) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                byte[] original = file.getInputStream(entry).readAllBytes();
                report.classes++;
                countMethods(original, report);
                long start = System.nanoTime();
                byte[] rewritten = transform(transformer, entry.getName(), original, loader, report);
                report.transformMillis += (System.nanoTime() - start) / 1_000_000;
                if (rewritten == null) {
                    continue;
                }
                report.classesTransformed++;
                if (transformed++ % verifyEvery != 0) {
                    report.classesSkippedByVerifier++;
                    continue;
                }
                start = System.nanoTime();
                verifier.verify(rewritten, report);
                report.classesVerified++;
                report.verifyMillis += (System.nanoTime() - start) / 1_000_000;
                if (!entry.getName().startsWith("META-INF/")) { // a multi-release jar's other versions
                    forJvm.put(entry.getName().substring(0, entry.getName().length() - ".class".length()),
                            rewritten);
                }
            }
            long start = System.nanoTime();
            new JvmVerifier(forJvm, loader).verify(report);
            report.jvmMillis += (System.nanoTime() - start) / 1_000_000;
        }
        return report;
    }

    private static byte[] transform(ClassTransformer transformer, String entry, byte[] original,
                                    ClassLoader loader, JarReport report) {
        ClassTransformer.Report result = new ClassTransformer.Report();
        try {
            byte[] rewritten = transformer.transform(original, loader, result);
            report.methodsTransformed += result.rewritten.size();
            for (String refusal : result.refused) {
                report.refusedByReason.merge(RefusalReasons.kindOf(refusal), 1, Integer::sum);
            }
            return rewritten;
        } catch (Throwable crash) {
            StringWriter trace = new StringWriter();
            crash.printStackTrace(new PrintWriter(trace));
            report.crashes.add(entry + ": " + trace);
            return null;
        }
    }

    private static void countMethods(byte[] classFile, JarReport report) {
        ClassNode type = new ClassNode();
        new ClassReader(classFile).accept(type, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        for (MethodNode method : type.methods) {
            if (method.instructions.size() > 0) {
                report.methods++;
                if (method.name.startsWith("<")) {
                    report.initializers++;
                }
            }
        }
    }
}
