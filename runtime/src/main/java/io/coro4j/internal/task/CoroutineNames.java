package io.coro4j.internal.task;

import io.coro4j.AsyncCallable;
import io.coro4j.protocol.Lambdas;

/** The name of the coroutine a body runs ({@code Cls.method}), for {@code getCoro()} and {@code toString()}. */
final class CoroutineNames {
    /** Names worked out from a body's class when the agent recorded none; per class, computed once. */
    private static final ClassValue<String> DERIVED = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return derive(type);
        }
    };

    private CoroutineNames() {}

    static String of(Object body) {
        if (body instanceof ReflectiveBody) {
            return ((ReflectiveBody) body).coroutineName();
        }
        if (body instanceof DelegatingBody) {
            return of(((DelegatingBody) body).coroutine());
        }
        String name = Lambdas.coroutineName(body);
        return name != null ? name : DERIVED.get(body.getClass());
    }

    /**
     * A lambda proxy {@code Host$$Lambda/0x...} (or {@code Host$$Lambda$14/0x...}) gives
     * {@code Host.lambda}; an ordinary class gives {@code SimpleName.call} or {@code SimpleName.run}.
     */
    static String derive(Class<?> type) {
        String binary = type.getName();
        int lambda = binary.indexOf("$$Lambda");
        if (lambda >= 0) {
            return afterPackage(binary.substring(0, lambda)) + ".lambda";
        }
        String simple = type.getSimpleName();
        if (simple.isEmpty()) {
            simple = afterPackage(binary); // anonymous: Outer$1
        }
        return simple + (AsyncCallable.class.isAssignableFrom(type) ? ".call" : ".run");
    }

    private static String afterPackage(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }
}
