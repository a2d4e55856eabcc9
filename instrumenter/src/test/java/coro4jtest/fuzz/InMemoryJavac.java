package coro4jtest.fuzz;

import io.coro4j.Async;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in memory, in the test's JVM, to class files held in memory: the
 * fuzzer's programs never touch the disk. One call compiles many classes (javac's start-up per call
 * is the expensive part).
 */
final class InMemoryJavac {
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files = javac.getStandardFileManager(null, null, null);
    private final List<String> options;

    InMemoryJavac() {
        // the generated code sees the runtime (@Async) and the fuzzer's library classes (Leaves, ...)
        String classPath = location(Async.class) + File.pathSeparator + location(Leaves.class);
        options = List.of("--release", "17", "-g", "-proc:none", "-nowarn", "-classpath", classPath);
    }

    /** The class files of {@code sources} (class name to source), by class name. */
    Map<String, byte[]> compile(Map<String, String> sources) {
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        Map<String, ByteArrayOutputStream> outputs = new HashMap<>();
        JavaFileManager memory = new ForwardingJavaFileManager<>(files) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                       JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
                        + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return outputs.computeIfAbsent(className, c -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("generated sources do not compile (a generator bug):\n"
                    + diagnostics.getDiagnostics());
        }
        Map<String, byte[]> classes = new HashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /**
     * Where {@code type} was loaded from. A jar is copied first: the local Maven repository is shared,
     * and a concurrent {@code mvn install} may rewrite it under a running test.
     */
    private static String location(Class<?> type) {
        try {
            Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(path)) {
                Path copy = Files.createTempFile("coro4j-fuzz-classpath", ".jar");
                copy.toFile().deleteOnExit();
                Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
                return copy.toString();
            }
            return path.toString();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
