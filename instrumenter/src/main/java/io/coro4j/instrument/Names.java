package io.coro4j.instrument;

/**
 * The runtime's names as the rewriter writes them into class files. The instrumenter never links
 * against the runtime: these strings are the whole dependency.
 */
public final class Names {
    public static final String ASYNC_DESC = "Lio/coro4j/Async;";
    /**
     * The JUnit extension's {@code @CoroTest} (module coro4j-junit): a test method it marks is the main
     * coroutine of its test, so it is a coroutine method as an {@code @Async} one is. Known by name, as
     * {@code @Async} is: the rewriter links neither.
     */
    public static final String CORO_TEST_DESC = "Lio/coro4j/junit/CoroTest;";
    /** Marks a coroutine method written to the protocol by hand: called as one, never rewritten. */
    public static final String LEAF_DESC = "Lio/coro4j/protocol/Leaf;";
    /** The runtime's plain call of a task's body: left as it is, with no check after the call. */
    public static final String CALLS_BODY_DESC = "Lio/coro4j/protocol/CallsBody;";
    /** The mark of a class the rewriter has processed (see {@code pipeline.RewriteMark}). */
    public static final String REWRITTEN_DESC = "Lio/coro4j/protocol/Rewritten;";
    public static final String CONTINUATION = "io/coro4j/protocol/Continuation";
    public static final String CONTINUATION_DESC = "L" + CONTINUATION + ";";
    /** A suspending call site, as records name it; its {@code bootstrap} links capture blocks to one. */
    public static final String FRAME_SITE = "io/coro4j/protocol/FrameSite";
    public static final String LAMBDAS = "io/coro4j/protocol/Lambdas";
    public static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    /** Every class of the runtime mentions this prefix; so does every class that uses coro4j. */
    public static final String PACKAGE_PREFIX = "io/coro4j/";

    private Names() {}

    /** Whether a method annotation makes its method a coroutine method: {@code @Async} or {@code @CoroTest}. */
    public static boolean isCoroutineAnnotation(String descriptor) {
        return ASYNC_DESC.equals(descriptor) || CORO_TEST_DESC.equals(descriptor);
    }

    /** Packages whose classes are never rewritten: the JDK, the hand-written protocol, the agent. */
    public static boolean isExcluded(String internalName) {
        return isJdk(internalName)
                || internalName.startsWith("io/coro4j/protocol/")
                || internalName.startsWith("io/coro4j/instrument/");
    }

    /** JDK classes: they declare no coroutine methods and their supertypes are JDK classes. */
    public static boolean isJdk(String internalName) {
        return internalName.startsWith("java/")
                || internalName.startsWith("javax/")
                || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/")
                || internalName.startsWith("[");
    }

    /** {@code pkg/Outer$Inner} becomes {@code pkg.Outer$Inner}. */
    public static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    /** {@code pkg/Outer$Inner} becomes {@code Outer$Inner}. */
    public static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /**
     * A line of a method as the runtime reads locations back, in the format that
     * {@code io.coro4j.protocol.CodeLocation} owns (the agent cannot link it, so {@code LocationFormatTest}
     * proves the two agree): {@code pkg.Cls.method(File.java:12)}, {@code (File.java)} when the line is
     * zero or less, {@code (Unknown Source)} when there is no source file.
     *
     * @param owner the class, as an internal name ({@code pkg/Cls}) or a dotted one
     */
    public static String location(String owner, String method, String sourceFile, int line) {
        String where = sourceFile == null ? "Unknown Source"
                : line > 0 ? sourceFile + ":" + line : sourceFile;
        return dotted(owner) + "." + method + "(" + where + ")";
    }

    /** A method's key for override matching: its name and parameter types, not its return type. */
    public static String overrideKey(String name, String descriptor) {
        return name + descriptor.substring(0, descriptor.indexOf(')') + 1);
    }
}
