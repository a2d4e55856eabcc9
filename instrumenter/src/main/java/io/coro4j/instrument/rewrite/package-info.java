/** The passes that change method bodies (and nothing else): NEW lowering, the state machine, refusals. */
package io.coro4j.instrument.rewrite;
