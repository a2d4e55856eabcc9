package io.coro4j.internal.task;

import io.coro4j.AsyncCallable;
import io.coro4j.protocol.Lambdas;
import io.coro4j.protocol.Rewritten;
import java.util.Objects;

/**
 * Refuses, when a task is created, a body whose code coro4j never rewrote: started with no agent and
 * built without the Maven plugin or the command line. Such code cannot suspend; at its first suspension
 * it would run on with a dummy value until a protocol check caught it. So it fails at once, at the call
 * that creates the task ({@code Coro.run}, {@code createTask}), with the three ways to rewrite it.
 *
 * <p>Why here, and what it costs: a method that was not rewritten has no prologue, so nothing of ours
 * runs when it is called; the first code of ours it reaches is the task that runs it. The check is one
 * {@link ClassValue} lookup per task created, nothing per call, so the call tax does not move. A body's
 * code is rewritten when its class carries the mark {@link Rewritten} (the class that declares its
 * {@code call()} or {@code run()}), or, for a lambda or method reference (a hidden class of the JDK's,
 * never marked), when the class that made it carries the mark, or when it was linked through
 * {@link Lambdas}, which the rewriter puts in place of {@code LambdaMetafactory}. (A lambda made after
 * {@code Coro.install()} by a method that was already running links through {@code LambdaMetafactory},
 * from the old code, and runs the rewritten body: its class is marked by then.) A coroutine method
 * deeper down that was not rewritten (a library the build left out) is caught by the protocol's own
 * checks when a suspension crosses it.
 *
 * <p>Only a positive answer is kept: a class found un-rewritten may be rewritten later by
 * {@code Coro.install()}, and is looked at again then.
 */
final class RewriteCheck {
    private static final ClassValue<Boolean> REWRITTEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isRewritten(type);
        }
    };

    private RewriteCheck() {}

    /** Returns {@code body} if its code was rewritten, else throws what to do about it. */
    static Object checked(Object body) {
        if (body instanceof ReflectiveBody) {
            return checkedMethod((ReflectiveBody) body);
        }
        Class<?> type = body.getClass();
        if (!REWRITTEN.get(type) && Lambdas.coroutineName(body) == null) {
            REWRITTEN.remove(type);
            throw new IllegalStateException(notRewritten(body));
        }
        return body;
    }

    /** A reflective body runs the code of the class that declares its method: that class needs the mark. */
    private static Object checkedMethod(ReflectiveBody body) {
        Class<?> declaring = body.method().getDeclaringClass();
        if (!declaring.isAnnotationPresent(Rewritten.class)) {
            throw new IllegalStateException(message("coroutine method " + declaring.getName() + "."
                    + body.method().getName() + "()", declaring.getName()));
        }
        return body;
    }

    /** Whether the class that holds the body's code carries the mark. */
    private static boolean isRewritten(Class<?> type) {
        Class<?> code = type.isHidden() ? lambdaHost(type) : declaringClass(type);
        return code != null && code.isAnnotationPresent(Rewritten.class);
    }

    /**
     * The class whose lambda or method reference made the proxy {@code type}, which the JDK names after
     * it ({@code pkg.Host$$Lambda...}); or {@code null}. Not the nest host: that is the outermost class,
     * which may hold no coroutines of its own and so carry no mark.
     */
    private static Class<?> lambdaHost(Class<?> type) {
        String name = type.getName();
        int proxy = name.indexOf("$$Lambda");
        if (proxy <= 0) {
            return null;
        }
        try {
            return Class.forName(name.substring(0, proxy), false, type.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The class that declares the body's {@code call()} or {@code run()}: the one whose code runs. */
    private static Class<?> declaringClass(Class<?> type) {
        try {
            return type.getMethod(AsyncCallable.class.isAssignableFrom(type) ? "call" : "run").getDeclaringClass();
        } catch (NoSuchMethodException impossible) {
            return type;
        }
    }

    /** What happened, and the three ways to fix it. */
    static String notRewritten(Object body) {
        Class<?> type = body.getClass();
        String what;
        String owner;
        if (type.isHidden()) {
            Class<?> host = lambdaHost(type);
            owner = host != null ? host.getName() : type.getName();
            what = "a lambda or method reference of " + owner;
        } else {
            Class<?> declaring = declaringClass(type);
            owner = declaring.getName();
            what = "coroutine method " + owner + "."
                    + (AsyncCallable.class.isAssignableFrom(type) ? "call()" : "run()");
        }
        return message(what, owner);
    }

    private static String message(String what, String owner) {
        return "coro4j cannot run " + what + " as a task (created at " + caller() + "): " + owner
                + " was never rewritten by coro4j, so its coroutines cannot suspend. Rewrite it in one of"
                + " three ways: add the Maven plugin io.coro4j:coro4j-maven-plugin (goals instrument and"
                + " instrument-test) to the build, which costs nothing at run time; or start the JVM with"
                + " -javaagent:coro4j-agent.jar (or call Coro.install() first thing in main); or, with another"
                + " build tool, run java -jar coro4j-agent.jar rewrite <classes directory or jar> --classpath"
                + " <its class path> after compiling (docs/build-time.md). If the agent is installed, check"
                + " that -Dcoro4j.exclude or -Dcoro4j.include does not leave its package out";
    }

    /** The first frame outside the runtime: where the task was created. Walked on the error path only. */
    private static String caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(f -> !isRuntime(f.getDeclaringClass()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + (f.getFileName() == null
                        ? "Unknown Source" : f.getFileName() + ":" + f.getLineNumber()) + ")")
                .orElse("an unknown frame"));
    }

    /** A class of the runtime: in one of its packages, and from where this class came from. */
    private static boolean isRuntime(Class<?> type) {
        String pkg = type.getPackageName();
        boolean runtimePackage = pkg.equals("io.coro4j") || pkg.equals("io.coro4j.sync")
                || pkg.startsWith("io.coro4j.internal") || pkg.startsWith("io.coro4j.protocol");
        return runtimePackage && Objects.equals(codeSource(type), codeSource(RewriteCheck.class));
    }

    private static Object codeSource(Class<?> type) {
        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
