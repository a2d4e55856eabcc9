package io.coro4j.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the runtime's own call of a task's body (a plain method): the body may suspend although its
 * caller is no coroutine method, so the agent leaves the method as it is and adds no suspension check
 * after the call. Only the task layer uses it; user code never should.
 */
// RUNTIME, not CLASS: the JVM drops invisible annotations from the bytes it hands a retransformation
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CallsBody {}
