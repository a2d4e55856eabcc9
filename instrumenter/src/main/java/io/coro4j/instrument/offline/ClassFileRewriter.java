package io.coro4j.instrument.offline;

import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.pipeline.RewriteMark;
import io.coro4j.instrument.pipeline.TransformOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;

/**
 * The agent's rewriter run over class files at build time: the same {@link ClassTransformer}, with the
 * same mark, so that a class comes out exactly as the agent would have rewritten it when it loaded.
 *
 * <p>Supertypes are read from the project's class path (its classes, then its dependencies) through a
 * {@link URLClassLoader} that is only ever asked for resources: the hierarchy reads class bytes with
 * {@code getResourceAsStream} and never loads a class, at build time as in the agent (DESIGN, decision
 * 6). Its parent is the platform loader, so that the JDK's classes are found and nothing of the build
 * tool's own class path leaks in.
 *
 * <p>Not thread-safe: one instance per run, used by one thread.
 */
public final class ClassFileRewriter implements AutoCloseable {
    /** What became of one class file. */
    public enum Outcome {
        /** It involves no coroutines (or it is excluded): written back as it was, not marked. */
        UNTOUCHED,
        /** It carries the mark already (an earlier run, or another tool): left as it is. */
        ALREADY_REWRITTEN,
        /** Rewritten and marked; its {@code refused} methods (if any) throw their reason when called. */
        REWRITTEN,
        /** The rewriter failed on it: see {@code refused}; {@code bytes}, when not null, is the class with
         *  its coroutine methods made to throw the failure, as the agent would load it. */
        FAILED,
        /** Not a class file ASM can read: left as it is (reported as a warning). */
        MALFORMED
    }

    /**
     * The result of one class file.
     *
     * @param bytes the class file to write, or {@code null} to leave the file as it is
     * @param methods the coroutine methods rewritten ({@code name+descriptor})
     * @param refused the methods refused, or the class's failure
     */
    public record Result(Outcome outcome, byte[] bytes, List<String> methods, List<Refused> refused) {}

    private final URLClassLoader classPath;
    private final ClassTransformer transformer;

    /**
     * @param classPath where supertypes are read from, in order: the classes being rewritten first, then
     *     the dependencies (directories and jars)
     * @param options the same include and exclude lists as the agent's
     */
    public ClassFileRewriter(List<Path> classPath, TransformOptions options) {
        this.classPath = new URLClassLoader("coro4j-class-path", urls(classPath),
                ClassLoader.getPlatformClassLoader());
        this.transformer = new ClassTransformer(new ClassHierarchy(options::isIncluded), options);
    }

    private static URL[] urls(List<Path> classPath) {
        List<URL> urls = new ArrayList<>();
        for (Path element : classPath) {
            try {
                urls.add(element.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("not a class path element: " + element, e);
            }
        }
        return urls.toArray(new URL[0]);
    }

    /**
     * Rewrites one class file; never throws for what is in the bytes.
     *
     * @param name the class file as the run names it, for the refusals
     */
    public Result rewrite(String name, byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
            reader.getClassName();
        } catch (RuntimeException malformed) {
            return new Result(Outcome.MALFORMED, null, List.of(), List.of());
        }
        if (RewriteMark.isMarked(reader)) {
            return new Result(Outcome.ALREADY_REWRITTEN, null, List.of(), List.of());
        }
        try {
            ClassTransformer.Report report = new ClassTransformer.Report();
            byte[] result = transformer.transform(classFile, classPath, report);
            if (result == null) {
                return new Result(Outcome.UNTOUCHED, null, List.of(), List.of());
            }
            List<Refused> refused = new ArrayList<>();
            for (String message : report.refused) {
                refused.add(Refused.of(name, reader, message));
            }
            return new Result(Outcome.REWRITTEN, result, List.copyOf(report.rewritten), refused);
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError) {
                throw (VirtualMachineError) failure;
            }
            return failed(name, classFile, reader, failure);
        }
    }

    /** What the agent does with a class it failed to transform: its coroutine methods throw the reason. */
    private Result failed(String name, byte[] classFile, ClassReader reader, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        byte[] refusedAll;
        try {
            refusedAll = transformer.refuseAll(classFile, classPath, reason);
        } catch (RuntimeException | LinkageError second) {
            refusedAll = null;
        }
        String message = "coro4j could not rewrite " + reader.getClassName().replace('/', '.') + ": " + reason
                + (refusedAll == null ? "" : "; its coroutine methods would throw this when called");
        return new Result(Outcome.FAILED, refusedAll, List.of(), List.of(Refused.ofClass(name, reader, message)));
    }

    @Override
    public void close() {
        try {
            classPath.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
