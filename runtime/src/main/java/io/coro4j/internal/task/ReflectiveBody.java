package io.coro4j.internal.task;

import io.coro4j.AsyncCallable;
import io.coro4j.protocol.Leaf;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * A task body that calls one coroutine method through reflection: how a test framework that calls test
 * methods reflectively (JUnit) runs one as a task. The runtime trusts it, and only it, to suspend across
 * reflective frames.
 *
 * <p>Why that is correct: a suspension crosses the frames between the body and the method
 * ({@code Method.invoke}, its accessor, and since JDK 18 the method handles behind it) by returning a dummy
 * value through them; a resume calls the body again, which calls {@code Method.invoke} again with the same
 * receiver and arguments, and the method restores itself. Those frames keep nothing between the two calls
 * (they are stateless pass-throughs of the receiver and the arguments), so re-invoking them is exactly
 * resuming them. What reflection cannot be trusted with in general is the user's code around the call, and
 * here there is none: the body is this class. So the task's body check ({@link BodyCheck}) accepts the
 * method's own frame as the outermost saved one for this body, and the rewrite check ({@link RewriteCheck})
 * looks for the mark on the class that declares the method.
 *
 * <p>Written to the protocol by hand ({@link Leaf}): the rewriter leaves {@link #call()} as it is, as it
 * leaves {@code TaskImpl.callBody}. Internal: made by the JUnit extension's entry point only.
 */
public final class ReflectiveBody implements AsyncCallable<Object> {
    private final Method method;
    private final Object target;
    private final Object[] arguments;
    /** The method's self key ({@code name+descriptor}), as the rewriter names its saved frames. */
    private final String selfKey;

    /**
     * A body that calls {@code method} on {@code target} (null for a static method) with
     * {@code arguments}, the same ones at every step.
     */
    public ReflectiveBody(Method method, Object target, Object[] arguments) {
        this.method = Objects.requireNonNull(method, "method");
        this.arguments = Objects.requireNonNull(arguments, "arguments").clone();
        if (Modifier.isStatic(method.getModifiers()) != (target == null)) {
            throw new IllegalArgumentException(method + (target == null ? " needs a receiver" : " is static"));
        }
        this.target = target;
        this.selfKey = method.getName() + MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                .toMethodDescriptorString();
        method.setAccessible(true);
    }

    /** Calls the method; returns its result, or a dummy when it suspended. Its exceptions come out as thrown. */
    @Leaf
    @Override
    public Object call() throws Exception {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw Outcomes.<Exception>sneaky(e.getCause());
        }
    }

    /** The method this body calls. */
    public Method method() {
        return method;
    }

    /** Whether {@code outermost}, the self key of the outermost frame a step saved, is the method's own. */
    boolean isMethodFrame(String outermost) {
        return selfKey.equals(outermost);
    }

    /** {@code Cls.method}, as {@code Task.getCoro()} names a coroutine. */
    String coroutineName() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    @Override
    public String toString() {
        return "reflective call of " + method.getDeclaringClass().getName() + "." + method.getName();
    }
}
