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
        return compile(ToolProvider.getSystemJavaCompiler(), sources, List.of("--release",
                String.valueOf(release), "-g", "-proc:none", "-Xlint:-options"));
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
                    List.of("--release", String.valueOf(release), "-g", "-proc:none", "-nowarn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static Map<String, byte[]> compile(JavaCompiler compiler, Map<String, String> sources,
                                               List<String> options) {
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
        }, options);
    }

    private static Map<String, byte[]> compile(
            JavaCompiler compiler, Function<StandardJavaFileManager, Iterable<? extends JavaFileObject>> units,
            List<String> options) {
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
        all.addAll(List.of("-classpath", runtimeClassPath()));
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

    /** Where the runtime's classes are (a folder or a jar); surefire's own class path is a stub jar. */
    private static String runtimeClassPath() {
        try {
            return new File(Async.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
