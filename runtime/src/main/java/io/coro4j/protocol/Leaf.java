package io.coro4j.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a coroutine method written to the protocol by hand, which the agent leaves as it is: rewritten
 * callers treat a call to it as a suspending call (as they treat a call to an {@code @Async} method; the
 * annotation needs no {@code @Async} beside it, so that the protocol, {@link Suspension#suspend()}, names
 * nothing of the public API), and it saves no record of its own, so a suspension through it costs one
 * frame less. (The runtime's plain call of a task's body is marked {@link CallsBody} instead.)
 *
 * <p>Its body must follow the leaf's part of the protocol ({@link Continuation}): take the running
 * continuation with {@link Continuation#enter}; in {@link Continuation#RESTORING} mode return what
 * {@link Continuation#finishRestore()} returns, touching nothing else (its arguments are dummies
 * then, while its receiver is the saved one); otherwise arrange its wake-up and call {@link Continuation#beginCapture(LeafPoint)} with a
 * {@link LeafPoint} naming itself, then return a dummy value. It calls no coroutine method.
 */
// RUNTIME, not CLASS: the JVM drops invisible annotations from the bytes it hands a retransformation
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Leaf {}
