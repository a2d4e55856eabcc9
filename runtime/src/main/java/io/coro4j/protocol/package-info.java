/**
 * The continuation protocol: the contract between the code the agent rewrites and the runtime.
 *
 * <p>{@link io.coro4j.protocol.Continuation} states the modes, the order of calls that rewritten code
 * makes and the invariants both sides keep, and holds the saved frames; {@link io.coro4j.protocol.Suspension}
 * is the leaf where a task really suspends, {@link io.coro4j.protocol.Leaf} marks it and the few runtime
 * methods written as leaves of their own, and {@link io.coro4j.protocol.CallsBody} the task layer's plain
 * call of a body; {@link io.coro4j.protocol.Carrier} finds the running
 * continuation of a thread; {@link io.coro4j.protocol.FrameSite} is a suspending call site as saved
 * records name it, to which a capture block's {@code invokedynamic} is bound;
 * {@link io.coro4j.protocol.CodeLocation} is the one format of a code location;
 * {@link io.coro4j.protocol.LostSuspension} is what the checks find when a suspension meets a frame that
 * could not save itself.
 *
 * <p>The protocol depends on nothing of coro4j: the task layer ({@code io.coro4j.internal.task}) runs a
 * body step by step on it, checks what each step saved and words the errors it finds. It names nothing of
 * the public API either: the agent knows that callers of {@code Suspension.suspend()} suspend by its
 * {@code @Leaf}. The agent never rewrites this package: it is written by hand to the protocol.
 */
package io.coro4j.protocol;
