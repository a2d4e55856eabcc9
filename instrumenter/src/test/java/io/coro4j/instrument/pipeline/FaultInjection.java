package io.coro4j.instrument.pipeline;

import io.coro4j.instrument.hierarchy.ClassHierarchy;

/** Transformers that fail on purpose, through {@link ClassTransformer}'s package-private seam. */
public final class FaultInjection {
    private FaultInjection() {}

    /**
     * A transformer whose rewrite of any coroutine method throws {@code failure} (a
     * {@code RuntimeException} or an {@code Error}): a stand-in for a rewriter bug, or for a broken
     * agent.
     */
    public static ClassTransformer failingWith(Throwable failure) {
        return failingOn(null, failure);
    }

    /**
     * A transformer whose rewrite of the coroutine methods named {@code methodName} (of any name when
     * {@code null}) throws {@code failure}, after the passes before the state machine have run.
     */
    public static ClassTransformer failingOn(String methodName, Throwable failure) {
        return new ClassTransformer(new ClassHierarchy(), TransformOptions.defaults(), method -> {
            if (methodName == null || method.name.equals(methodName)) {
                if (failure instanceof Error) {
                    throw (Error) failure;
                }
                throw (RuntimeException) failure;
            }
        });
    }
}
