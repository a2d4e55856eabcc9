package io.coro4j.protocol;

/**
 * The one format of a code location, shared by rewritten code and the runtime: a stack-trace element's
 * text, {@code pkg.Cls.method(File.java:12)}; {@code pkg.Cls.method(File.java)} when the line is not
 * known; {@code pkg.Cls.method(Unknown Source)} when the file is not. Written into class files by the
 * instrumenter ({@code io.coro4j.instrument.Names.location}, which cannot link the runtime and is tested
 * against this class), kept by {@link FrameSite} and {@link LeafPoint}, written from a live frame by the
 * runtime's diagnostics, and read back by {@code Task.getStack()}.
 */
public final class CodeLocation {
    private static final String UNKNOWN_SOURCE = "Unknown Source";

    private CodeLocation() {}

    /**
     * The location of a line of a method.
     *
     * @param className the binary name, dotted ({@code pkg.Outer$Inner})
     * @param fileName the source file, or {@code null} when unknown
     * @param line the line, or zero or less when unknown
     */
    public static String format(String className, String methodName, String fileName, int line) {
        String where = fileName == null ? UNKNOWN_SOURCE : line > 0 ? fileName + ":" + line : fileName;
        return className + "." + methodName + "(" + where + ")";
    }

    /** The location of a frame of a live stack. */
    public static String of(StackWalker.StackFrame frame) {
        return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    /** The location of a stack-trace element. */
    public static String of(StackTraceElement element) {
        return format(element.getClassName(), element.getMethodName(), element.getFileName(),
                element.getLineNumber());
    }

    /**
     * A location read back as a stack-trace element, with line -1 when it has none. Text that is not a
     * location (a self key such as {@code join()Ljava/lang/Object;}) gives an element whose class is
     * {@code ?}.
     */
    public static StackTraceElement parse(String location) {
        int open = location.lastIndexOf('(');
        String qualified = open < 0 ? location : location.substring(0, open);
        int dot = qualified.lastIndexOf('.');
        String cls = dot < 0 ? "?" : qualified.substring(0, dot);
        String method = qualified.substring(dot + 1);
        String file = null;
        int line = -1;
        if (open >= 0 && location.endsWith(")")) {
            String inside = location.substring(open + 1, location.length() - 1);
            int colon = inside.lastIndexOf(':');
            if (colon >= 0) {
                file = inside.substring(0, colon);
                try {
                    line = Integer.parseInt(inside.substring(colon + 1));
                } catch (NumberFormatException e) {
                    line = -1;
                }
            } else if (!inside.equals(UNKNOWN_SOURCE)) {
                file = inside;
            }
        }
        return new StackTraceElement(cls, method, file, line);
    }
}
