/**
 * The continuation protocol: the contract between the code the agent rewrites and the runtime.
 *
 * <p>{@link io.coro4j.protocol.Continuation} states the modes, the order of calls that rewritten code
 * makes and the invariants both sides keep; {@link io.coro4j.protocol.Suspension} is the leaf where a
 * task really suspends, and {@link io.coro4j.protocol.Leaf} marks the few runtime methods written as
 * leaves of their own; {@link io.coro4j.protocol.Carrier} finds the running continuation of a thread;
 * {@link io.coro4j.protocol.FrameSite} is a suspending call site as saved records name it, to which a
 * capture block's {@code invokedynamic} is bound.
 * The agent never rewrites this package: it is written by hand to the protocol.
 */
package io.coro4j.protocol;
