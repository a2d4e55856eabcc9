/**
 * Analysis passes: method in, facts out, nothing changed. Pass 1, {@link
 * io.coro4j.instrument.analysis.CoroutineMethods}, finds coroutine methods, lambda bodies and
 * suspending calls; pass 2, {@link io.coro4j.instrument.analysis.FrameAnalysis}, gives the verifier's
 * types at those calls; pass 3, {@link io.coro4j.instrument.analysis.MonitorAnalysis}, counts the
 * monitors held there. {@link io.coro4j.instrument.analysis.LiveLocals}, run by the rewriter (pass 5),
 * gives the locals live after each call: a dead primitive is not saved.
 */
package io.coro4j.instrument.analysis;
