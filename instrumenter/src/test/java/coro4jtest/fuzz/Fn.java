package coro4jtest.fuzz;

import io.coro4j.Async;

/** An {@code @Async} functional interface: generated lambdas implement it and suspend inside. */
@FunctionalInterface
public interface Fn {
    @Async
    int apply(int x);
}
