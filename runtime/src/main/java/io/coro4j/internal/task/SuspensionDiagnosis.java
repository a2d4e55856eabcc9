package io.coro4j.internal.task;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.protocol.CodeLocation;
import io.coro4j.protocol.Lambdas;
import io.coro4j.protocol.Leaf;
import io.coro4j.protocol.LostSuspension;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words for a suspension that met a frame that could not save itself ({@link LostSuspension}, which
 * the protocol finds). Each message leads with what happened and the fix in the user's terms (which call,
 * from what, what to write instead) and names the user's line; the advice about the agent comes only when
 * the frame in the way is a class of the user's that the agent skipped. The commonest case, a
 * {@code Task::join} in a stream:
 *
 * <pre>
 * Task.join was called from a plain lambda in java.util.stream (ReferencePipeline$3$1.accept), which
 * cannot suspend: use a for loop or Coro.gather. The call is at com.example.Main.lambda$main$0(Main.java:12).
 * </pre>
 *
 * <p>Only error paths come here: the stack walks and reflection cost nothing to a program that works.
 */
final class SuspensionDiagnosis {
    /**
     * What to do about a frame the agent did not rewrite. Classes are rewritten as they load once the
     * agent is installed, and classes loaded before are retransformed when it attaches; what remains is
     * exclusion, activations already running at the attach, and calls the rewrite cannot follow.
     */
    static final String AGENT_ADVICE = " A coroutine method is rewritten unless its class is excluded with"
            + " -Dcoro4j.exclude (remove its package from that list) or left out of -Dcoro4j.include (add its"
            + " package to that list), or it was already running when the agent was installed (install it"
            + " before any coroutine runs: start the JVM with -javaagent:coro4j-agent.jar, or call"
            + " Coro.install() first thing in main). A suspension cannot cross a plain lambda, a reflective"
            + " call or a method handle: call coroutine methods only from @Async methods or"
            + " AsyncCallable/AsyncRunnable lambdas";

    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(
            StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES,
            StackWalker.Option.SHOW_HIDDEN_FRAMES));
    private static final String PROTOCOL = "io.coro4j.protocol.";
    private static final String RUNTIME_SOURCE = String.valueOf(
            Coro.class.getProtectionDomain().getCodeSource());

    private SuspensionDiagnosis() {}

    /** The error for {@code lost}, in the task whose body is {@code body}. */
    static IllegalStateException of(LostSuspension lost, Object body) {
        return new IllegalStateException(message(lost, body), lost.cause);
    }

    private static String message(LostSuspension lost, Object body) {
        switch (lost.kind) {
            case CALLED_WHILE_UNWINDING:
                return frameInTheWay(lost, 1);
            case PLAIN_CALLER:
                return frameInTheWay(lost, 0);
            case BROKEN_CHAIN:
                return name(lost.innermost) + " suspended, but the suspension cannot reach " + lost.where
                        + ": the method called there, " + lost.key + ", or one it called on the way to the"
                        + " suspension, was not rewritten by the coro4j agent and went on running instead of"
                        + " saving itself." + AGENT_ADVICE;
            case WRONG_FRAME_ON_RESUME:
                return "coro4j cannot resume the task: " + lost.key + " is re-entered to resume it, but the"
                        + " frame saved next belongs to " + lost.otherKey + ": when the task suspended, "
                        + lost.key + " or a method it called was not rewritten and went on running instead of"
                        + " saving itself." + AGENT_ADVICE;
            case NOTHING_SAVED:
                return name(lost.innermost) + " suspended, but no coroutine method saved itself: it was"
                        + " reached from code that is not a rewritten coroutine method. Is the coro4j agent"
                        + " installed? Start the JVM with -javaagent:coro4j-agent.jar, or call Coro.install()"
                        + " before any coroutine runs";
            case THREW_WHILE_UNWINDING:
                return name(lost.innermost) + " suspended, but a frame between it and the task's body cannot"
                        + " suspend (a plain lambda, a reflective call, a method handle, or code the agent did"
                        + " not rewrite) and went on running with a dummy value until it threw " + lost.cause;
            case BODY_NOT_SAVED:
                return bodyNotSaved(lost, body);
            default:
                return lost.toString();
        }
    }

    /**
     * The body returned instead of waiting. A lambda body the agent linked was rewritten, so the call that
     * suspended was made inside it through code that cannot suspend; any other body (a method reference,
     * a class) did not save itself.
     */
    private static String bodyNotSaved(LostSuspension lost, Object body) {
        String called = name(lost.outermost);
        String implementation = Lambdas.implementationKey(body);
        if (implementation != null && implementation.startsWith("lambda$")) {
            return called + " was called from code that cannot suspend, inside the task's body " + lost.where
                    + ": a plain lambda (a stream's map, a forEach Consumer), a reflective call or a method"
                    + " handle, so the body went on and returned instead of waiting: " + loopAdvice(called)
                    + ", or call " + called + " directly from the body or from an @Async method";
        }
        return name(lost.innermost) + " suspended, but the task's body " + lost.where + " did not save"
                + " itself: the suspension crossed a frame between the body and " + lost.key + " that is not a"
                + " rewritten coroutine method." + AGENT_ADVICE;
    }

    /**
     * A coroutine method was called from a frame that cannot suspend, which is on the stack now: the
     * first frame past the protocol's and past {@code skip} more (the coroutine method being entered).
     */
    private static String frameInTheWay(LostSuspension lost, int skip) {
        List<StackWalker.StackFrame> frames = WALKER.walk(s -> s.collect(Collectors.toList()));
        int i = 0;
        while (i < frames.size() && !frames.get(i).getClassName().startsWith(PROTOCOL)) {
            i++; // this class and the task's hook
        }
        while (i < frames.size() && frames.get(i).getClassName().startsWith(PROTOCOL)) {
            i++; // the protocol's check
        }
        i += skip;
        while (i < frames.size() && isLambdaProxy(frames.get(i))) {
            i++;
        }
        String called = name(lost.outermost);
        if (i >= frames.size()) {
            return called + " was called from a frame that cannot suspend (a plain lambda, a reflective"
                    + " call, a method handle, or code the agent did not rewrite)." + AGENT_ADVICE;
        }
        StackWalker.StackFrame inTheWay = frames.get(i);
        String user = userLine(frames, i);
        String at = user == null || user.equals(CodeLocation.of(inTheWay)) ? "" : " The call is at " + user + ".";
        String cls = inTheWay.getClassName();
        int past = i; // since JDK 18, reflection calls through method handles: past them, is it reflection?
        while (past < frames.size() && frames.get(past).getClassName().startsWith("java.lang.invoke.")) {
            past++;
        }
        if (isReflection(cls) || past < frames.size() && isReflection(frames.get(past).getClassName())) {
            return called + " was called through reflection (Method.invoke), which cannot suspend: call it"
                    + " directly from an @Async method or an AsyncCallable/AsyncRunnable body." + at;
        }
        if (cls.startsWith("java.lang.invoke.")) {
            return called + " was called through a method handle, which cannot suspend: call it directly"
                    + " from an @Async method or an AsyncCallable/AsyncRunnable body." + at;
        }
        if (isJdk(cls)) {
            int dot = cls.lastIndexOf('.');
            return called + " was called from a plain lambda in " + cls.substring(0, Math.max(dot, 0)) + " ("
                    + cls.substring(dot + 1) + "." + inTheWay.getMethodName() + "), which cannot suspend: "
                    + loopAdvice(called) + "." + at;
        }
        String where = CodeLocation.of(inTheWay);
        if (isCoroutineMethod(inTheWay)) {
            return called + " was called from " + where + ", a coroutine method the coro4j agent did not"
                    + " rewrite, which went on running instead of suspending." + at + AGENT_ADVICE;
        }
        String advice = skippedByTheAgent(cls) ? AGENT_ADVICE : "";
        if (inTheWay.getMethodName().startsWith("lambda$")) {
            return called + " was called from a plain lambda, " + where + ", which cannot suspend: "
                    + loopAdvice(called) + ", or make the lambda an AsyncCallable or AsyncRunnable body." + at
                    + advice;
        }
        return called + " was called from " + where + ", a plain method (not @Async), which cannot suspend:"
                + " make it @Async, or call " + called + " from an @Async method or an"
                + " AsyncCallable/AsyncRunnable body." + at + advice;
    }

    /** What to write instead of a plain loop over calls that suspend. */
    private static String loopAdvice(String called) {
        return called.equals("Task.join") ? "use a for loop or Coro.gather" : "use a for loop";
    }

    /** The first frame of the user's code from {@code from} outwards, as a location; null when none. */
    private static String userLine(List<StackWalker.StackFrame> frames, int from) {
        for (int i = from; i < frames.size(); i++) {
            StackWalker.StackFrame f = frames.get(i);
            if (!isLambdaProxy(f) && !isJdk(f.getClassName()) && !isRuntime(f.getDeclaringClass())) {
                return CodeLocation.of(f);
            }
        }
        return null;
    }

    /**
     * The coroutine method a location names, as the user knows it: {@code Task.join} for the task's leaf,
     * {@code Coro.sleep}, {@code Lock.acquire}, {@code Main.fetch}.
     */
    static String name(String location) {
        if (location == null) {
            return "a coroutine method";
        }
        StackTraceElement e = CodeLocation.parse(location);
        String cls = e.getClassName();
        if (cls.equals("?")) {
            return "Suspension.suspend";
        }
        if (cls.equals(TaskImpl.class.getName())) {
            cls = "Task";
        }
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + e.getMethodName();
    }

    private static boolean isReflection(String cls) {
        return cls.startsWith("jdk.internal.reflect.") || cls.equals("java.lang.reflect.Method")
                || cls.equals("java.lang.reflect.Constructor");
    }

    private static boolean isLambdaProxy(StackWalker.StackFrame f) {
        return f.getClassName().contains("$$Lambda");
    }

    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.")
                || cls.startsWith("sun.") || cls.startsWith("com.sun.");
    }

    /** A class of coro4j's runtime (not a user's class that shares its package names, as tests do). */
    private static boolean isRuntime(Class<?> type) {
        if (type.getName().startsWith(PROTOCOL) || type.getName().startsWith("io.coro4j.internal.")) {
            return true;
        }
        return type.getName().startsWith("io.coro4j.")
                && RUNTIME_SOURCE.equals(String.valueOf(type.getProtectionDomain().getCodeSource()));
    }

    /**
     * Whether the frame's method is {@code @Async} (or a hand-written {@link Leaf}), or overrides or
     * implements one that is.
     */
    private static boolean isCoroutineMethod(StackWalker.StackFrame f) {
        try {
            Class<?>[] parameters = f.getMethodType().parameterArray();
            return isAsync(f.getDeclaringClass(), f.getMethodName(), parameters);
        } catch (RuntimeException | LinkageError e) {
            return false; // a diagnosis must not fail: without the answer, the plain wording stands
        }
    }

    private static boolean isAsync(Class<?> type, String name, Class<?>[] parameters) {
        if (type == null) {
            return false;
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name) && Arrays.equals(m.getParameterTypes(), parameters)
                    && (m.isAnnotationPresent(Async.class) || m.isAnnotationPresent(Leaf.class))) {
                return true;
            }
        }
        if (isAsync(type.getSuperclass(), name, parameters)) {
            return true;
        }
        for (Class<?> i : type.getInterfaces()) {
            if (isAsync(i, name, parameters)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code -Dcoro4j.exclude} or {@code -Dcoro4j.include} keeps the agent from the class. */
    private static boolean skippedByTheAgent(String cls) {
        List<String> excluded = packages("coro4j.exclude");
        List<String> included = packages("coro4j.include");
        return excluded.stream().anyMatch(cls::startsWith)
                || !included.isEmpty() && included.stream().noneMatch(cls::startsWith);
    }

    private static List<String> packages(String property) {
        return Arrays.stream(System.getProperty(property, "").split(",")).map(String::trim)
                .filter(p -> !p.isEmpty()).collect(Collectors.toList());
    }
}
