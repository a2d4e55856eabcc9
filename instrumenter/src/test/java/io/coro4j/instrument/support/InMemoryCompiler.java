package io.coro4j.instrument.support;

import io.coro4j.Async;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Compiles Java sources in memory with the running JDK's javac for a chosen {@code --release}, against
 * the coro4j runtime, so that tests can feed the transformer class files of every version.
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
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> written = new TreeMap<>();
        JavaFileManager files = new ForwardingJavaFileManager<JavaFileManager>(
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
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
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(
                new SimpleJavaFileObject(uri(name, JavaFileObject.Kind.SOURCE), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                }));
        List<String> options = List.of("--release", String.valueOf(release), "-g", "-proc:none",
                "-Xlint:-options", "-classpath", classPath(seen));
        StringWriter diagnostics = new StringWriter();
        if (!javac.getTask(diagnostics, files, null, options, null, units).call()) {
            throw new AssertionError("javac --release " + release + " failed:\n" + diagnostics);
        }
        Map<String, byte[]> classFiles = new TreeMap<>();
        written.forEach((name, out) -> classFiles.put(name, out.toByteArray()));
        return classFiles;
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

    private static URI uri(String className, JavaFileObject.Kind kind) {
        return URI.create("memory:///" + className.replace('.', '/') + kind.extension);
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
