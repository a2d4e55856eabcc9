package io.coro4j.instrument.offline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A coroutine method the rewriter refused (or a class it failed to rewrite), located for a build error:
 * the source file, as a path under a source root ({@code com/example/Job.java}), and the line.
 *
 * @param classFile the class file, as the run names it ({@code com/example/Job.class} under its
 *     directory, or {@code app.jar!/com/example/Job.class})
 * @param className the class, as a binary name ({@code com.example.Job})
 * @param sourcePath the source file under its source root, or {@code null} when the class file does not
 *     name it (compiled without debug information)
 * @param line the line the refusal is about (the suspending call inside a {@code synchronized} block, or
 *     else the method's first line), or -1
 * @param message the rewriter's message, which names class, method and line itself
 */
public record Refused(String classFile, String className, String sourcePath, int line, String message) {
    /** The call the reason is about: "the call to X.y at line 42 can suspend inside...". */
    private static final Pattern AT_LINE = Pattern.compile(" at line (\\d+)");
    /** The method's location, as the rewriter writes it: {@code pkg.Cls.m(Cls.java:12)}. */
    private static final Pattern LOCATION = Pattern.compile("\\([^():]+:(\\d+)\\)");

    /** A refusal the rewriter reported for the class {@code reader} reads. */
    static Refused of(String classFile, ClassReader reader, String message) {
        return new Refused(classFile, reader.getClassName().replace('/', '.'), sourcePath(reader),
                lineOf(message), message);
    }

    /** A failure of the whole class (no line), with the rewriter's message. */
    static Refused ofClass(String classFile, ClassReader reader, String message) {
        return new Refused(classFile, reader.getClassName().replace('/', '.'), sourcePath(reader), -1,
                message);
    }

    /**
     * {@code file:line: message} for a log line, {@code file} being the source file (under its source
     * root) when the class file names it, else the class file.
     */
    public String describe() {
        return describe(sourcePath != null ? sourcePath : classFile);
    }

    /** {@code file:line: message} with the file given ({@code file} alone when the line is unknown). */
    public String describe(String file) {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }

    /** The most precise line the message names, or -1. */
    static int lineOf(String message) {
        Matcher call = AT_LINE.matcher(message);
        if (call.find()) {
            return Integer.parseInt(call.group(1));
        }
        Matcher location = LOCATION.matcher(message);
        return location.find() ? Integer.parseInt(location.group(1)) : -1;
    }

    /** {@code com/example/Job.java} for a class of package {@code com.example} compiled from {@code Job.java}. */
    private static String sourcePath(ClassReader reader) {
        String[] source = new String[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitSource(String file, String debug) {
                source[0] = file;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        if (source[0] == null) {
            return null;
        }
        String name = reader.getClassName();
        int slash = name.lastIndexOf('/');
        return slash < 0 ? source[0] : name.substring(0, slash + 1) + source[0];
    }
}
