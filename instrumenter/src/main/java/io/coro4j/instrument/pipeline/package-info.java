/**
 * The fast path that skips classes without coroutines, and the pipeline that runs the passes over the
 * others, in order ({@link io.coro4j.instrument.pipeline.ClassTransformer}).
 */
package io.coro4j.instrument.pipeline;
