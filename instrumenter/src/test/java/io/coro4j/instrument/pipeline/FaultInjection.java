package io.coro4j.instrument.pipeline;

import io.coro4j.instrument.hierarchy.ClassHierarchy;

/** Transformers that fail on purpose, through {@link ClassTransformer}'s package-private seam. */
public final class FaultInjection {
    private FaultInjection() {}

    /** A transformer whose rewrite of any coroutine method throws {@code failure}: a stand-in for a rewriter bug. */
    public static ClassTransformer failingWith(RuntimeException failure) {
        return new ClassTransformer(new ClassHierarchy(), TransformOptions.defaults(), method -> {
            throw failure;
        });
    }
}
