package io.coro4j.instrument.support;

import io.coro4j.Async;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Compiles Java sources in memory with the running JDK's javac (or with ecj) for a chosen
 * {@code --release}, against the coro4j runtime, so that tests can feed the transformer class files of every version.
 */
public final class InMemoryCompiler {
    private InMemoryCompiler() {}

    /**
     * Compiles {@code sources} (binary class name to source text) with {@code --release release}.
     *
     * @return every class file javac wrote, by binary name
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, int release) {
        return compile(sources, release, new Class<?>[0]);
    }

    /**
     * Like {@link #compile(Map, int)}, and the sources also see the classes that {@code seen} were
     * loaded with (test classes they call).
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, int release, Class<?>... seen) {
        return compile(ToolProvider.getSystemJavaCompiler(), sources, List.of("--release",
                String.valueOf(release), "-g", "-proc:none", "-Xlint:-options"), classPath(seen));
    }

    /**
     * Compiles {@code sources} with Eclipse's compiler (ecj), for Java {@code release}: class files as
     * Eclipse and the tools built on it give them. ecj reads its sources from files only, so they are
     * written to a temporary folder first; the class files stay in memory.
     *
     * @return every class file ecj wrote, by binary name
     */
    public static Map<String, byte[]> compileWithEcj(Map<String, String> sources, int release) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("coro4j-ecj");
            List<File> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = folder.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                files.add(file.toFile());
            }
            return compile(new EclipseCompiler(), fileManager -> fileManager.getJavaFileObjectsFromFiles(files),
                    List.of("--release", String.valueOf(release), "-g", "-proc:none", "-nowarn"), classPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static Map<String, byte[]> compile(JavaCompiler compiler, Map<String, String> sources,
                                               List<String> options, String classPath) {
        return compile(compiler, fileManager -> {
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(uri(name,
                    JavaFileObject.Kind.SOURCE), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            }));
            return units;
        }, options, classPath);
    }

    private static Map<String, byte[]> compile(
            JavaCompiler compiler, Function<StandardJavaFileManager, Iterable<? extends JavaFileObject>> units,
            List<String> options, String classPath) {
        Map<String, ByteArrayOutputStream> written = new TreeMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        JavaFileManager files = new ForwardingJavaFileManager<JavaFileManager>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                       JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(uri(className, kind), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        written.put(className, out);
                        return out;
                    }
                };
            }
        };
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("-classpath", classPath));
        StringWriter diagnostics = new StringWriter();
        if (!compiler.getTask(diagnostics, files, null, all, null, units.apply(standard)).call()) {
            throw new AssertionError(compiler.getClass().getSimpleName() + " " + options + " failed:\n"
                    + diagnostics);
        }
        Map<String, byte[]> classFiles = new TreeMap<>();
        written.forEach((name, out) -> classFiles.put(name.replace('/', '.'), out.toByteArray()));
        return classFiles;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }

    private static URI uri(String className, JavaFileObject.Kind kind) {
        return URI.create("memory:///" + className.replace('.', '/') + kind.extension);
    }

    /** The same classes as version 49 class files, their stack map frames dropped. */
    public static Map<String, byte[]> asJava5(Map<String, byte[]> classFiles) {
        Map<String, byte[]> java5 = new TreeMap<>();
        classFiles.forEach((name, classFile) -> {
            ClassWriter writer = new ClassWriter(0);
            new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String className, String signature,
                                  String superName, String[] interfaces) {
                    super.visit(Opcodes.V1_5, access, className, signature, superName, interfaces);
                }
            }, ClassReader.SKIP_FRAMES);
            java5.put(name, writer.toByteArray());
        });
        return java5;
    }

    /**
     * Where the runtime's classes are (a folder or a jar), and those of {@code seen}: surefire's own
     * class path is a stub jar.
     */
    private static String classPath(Class<?>... seen) {
        StringBuilder path = new StringBuilder(locationOf(Async.class));
        for (Class<?> type : seen) {
            path.append(File.pathSeparator).append(locationOf(type));
        }
        return path.toString();
    }

    private static String locationOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
