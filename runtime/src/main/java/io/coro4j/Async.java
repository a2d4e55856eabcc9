package io.coro4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a coroutine method: the agent rewrites its body into a resumable state machine, and calls to
 * it from other coroutine methods may suspend the calling task (Python: {@code async def}).
 *
 * <p>Methods that override or implement an {@code @Async} method are coroutine methods too, and so are
 * lambda bodies whose functional interface's single abstract method is {@code @Async} (for example
 * {@link AsyncCallable} and {@link AsyncRunnable}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Documented
public @interface Async {}
