/**
 * The passes that change method bodies (and nothing else): pass 4, {@code NEW} lowering, and pass 5,
 * the state machine; and the refusals, the bodies that throw why a method was not rewritten.
 */
package io.coro4j.instrument.rewrite;
