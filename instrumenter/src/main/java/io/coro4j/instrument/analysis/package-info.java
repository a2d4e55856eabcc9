/**
 * Analysis passes: method in, facts out, nothing changed. Pass 1, {@link
 * io.coro4j.instrument.analysis.CoroutineMethods}, finds coroutine methods, lambda bodies and
 * suspending calls; pass 2, {@link io.coro4j.instrument.analysis.FrameAnalysis}, gives the verifier's
 * types at those calls; pass 3, {@link io.coro4j.instrument.analysis.MonitorAnalysis}, counts the
 * monitors held there.
 */
package io.coro4j.instrument.analysis;
