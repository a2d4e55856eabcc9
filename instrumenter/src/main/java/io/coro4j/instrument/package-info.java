/**
 * The coro4j agent: it rewrites coroutine methods into resumable state machines when their classes
 * load.
 *
 * <p>The pipeline, one small pass each ({@link io.coro4j.instrument.pipeline.ClassTransformer} runs
 * them in this order): {@code agent} wires the transformer into the JVM and never lets anything
 * escape; {@code pipeline} decides on the fast path whether a class can involve coroutines;
 * {@code hierarchy} answers "is this a coroutine method?" from class bytes, never loading a class;
 * {@code analysis} finds coroutine methods, suspension points, frames and monitors (method in, facts
 * out); {@code rewrite} changes method bodies only.
 */
package io.coro4j.instrument;
