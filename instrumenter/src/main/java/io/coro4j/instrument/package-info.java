/**
 * The coro4j agent: it rewrites coroutine methods into resumable state machines when their classes
 * load.
 *
 * <p>The packages: {@code agent} wires the transformer into the JVM and never lets anything escape;
 * {@code pipeline} runs the passes ({@link io.coro4j.instrument.pipeline.ClassTransformer}), after a
 * fast path that leaves most classes untouched; {@code hierarchy} answers "is this a coroutine
 * method?" from class bytes, never loading a class; {@code analysis} holds the passes that read a
 * method (method in, facts out), {@code rewrite} those that change it. The passes, in the order they
 * run, each numbered so in its class comment: 1 {@link io.coro4j.instrument.analysis.CoroutineMethods},
 * 2 {@link io.coro4j.instrument.analysis.FrameAnalysis}, 3
 * {@link io.coro4j.instrument.analysis.MonitorAnalysis}, 4
 * {@link io.coro4j.instrument.rewrite.NewLowering}, 5 {@link io.coro4j.instrument.rewrite.MethodRewriter}.
 */
package io.coro4j.instrument;
