/**
 * The rewrite at build time: the agent's {@link io.coro4j.instrument.pipeline.ClassTransformer} run over
 * class files on disk instead of classes being loaded, for the Maven plugin and the command line
 * ({@code java -jar coro4j-agent.jar rewrite}). {@link io.coro4j.instrument.offline.ClassFileRewriter}
 * rewrites one class file, reading supertypes from the class path without loading a class;
 * {@link io.coro4j.instrument.offline.DirectoryTarget} and {@link io.coro4j.instrument.offline.JarTarget}
 * rewrite a directory or a jar in place, skipping what carries the rewrite mark and, for a directory,
 * what is unchanged since the last run ({@link io.coro4j.instrument.offline.StalenessFile});
 * {@link io.coro4j.instrument.offline.RewriteCommand} is the command line.
 */
package io.coro4j.instrument.offline;
