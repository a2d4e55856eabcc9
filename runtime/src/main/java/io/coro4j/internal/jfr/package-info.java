/**
 * The runtime's JDK Flight Recorder events ({@code io.coro4j.TaskCreated}, {@code TaskFinished},
 * {@code SlowStep}, {@code LoopLag}, and for the network code {@code SelectorRebuilt} and
 * {@code WriterPaused}; docs/debugging.md shows them in a recording). {@link io.coro4j.internal.jfr.Flight}
 * is all the rest of the runtime sees: a flag that is true while a recording runs, and one call per event.
 * Nothing of {@code jdk.jfr} loads, and no event is made, in a program that never records.
 */
package io.coro4j.internal.jfr;
