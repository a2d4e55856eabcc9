/** The fast path that skips classes without coroutines, and the pass pipeline for the others. */
package io.coro4j.instrument.pipeline;
