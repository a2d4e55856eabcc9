package io.coro4j.instrument.agent;

import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.pipeline.TransformOptions;
import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's {@link ClassFileTransformer}. Nothing escapes it (the JVM would swallow the exception and
 * load the class as it was): a class it cannot transform is logged, and its coroutine methods are made
 * to throw the reason; if even that fails, the class is left as it was and the log says so.
 *
 * <p>System properties: {@code coro4j.dump=DIR} writes every transformed class to {@code DIR} (for
 * {@code javap}); {@code coro4j.verbose=true} logs a line per rewritten method; {@code coro4j.exclude} and
 * {@code coro4j.include}: see {@link TransformOptions}.
 */
public final class CoroTransformer implements ClassFileTransformer {
    private static final System.Logger LOG = System.getLogger("io.coro4j.agent");

    private final ClassTransformer transformer;
    private final Path dump;
    private final boolean verbose;
    private final AtomicLong failed = new AtomicLong();
    private final RetransformedMethods retransformed = new RetransformedMethods();

    /** Configured by the system properties (the agent's way). */
    public CoroTransformer() {
        this(TransformOptions.fromSystemProperties());
    }

    /** Configured by {@code options}, the rest by the system properties. */
    CoroTransformer(TransformOptions options) {
        this(new ClassTransformer(new ClassHierarchy(options::isIncluded), options),
                dumpFolder(System.getProperty("coro4j.dump")), Boolean.getBoolean("coro4j.verbose"));
    }

    /** For tests: a given pipeline (one that fails on purpose, say), dump folder or {@code null}, verbosity. */
    CoroTransformer(ClassTransformer transformer, Path dump, boolean verbose) {
        this.transformer = transformer;
        this.dump = dump;
        this.verbose = verbose;
    }

    private static Path dumpFolder(String dir) {
        return dir == null || dir.isEmpty() ? null : Path.of(dir);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        if (className == null || classFile == null) {
            return null; // hidden classes (lambda proxies): their bodies live in the host class
        }
        if (!transformer.isConsidered(className)) {
            return null; // excluded, or not included: left alone before its bytes are even looked at
        }
        ClassTransformer.Report report = new ClassTransformer.Report();
        byte[] result;
        try {
            result = transformer.transform(classFile, loader, report);
        } catch (Throwable failure) {
            failed.incrementAndGet();
            return refuse(loader, className, classFile, failure);
        }
        // the class is rewritten: what follows only reports it, and cannot undo it
        if (result != null) {
            log(className, report);
            dump(className, result);
            if (classBeingRedefined != null && !report.rewritten.isEmpty()) {
                try {
                    retransformed.record(className, report.rewritten);
                } catch (Throwable e) {
                    log(System.Logger.Level.WARNING, "coro4j could not record the retransformation of "
                            + className.replace('/', '.'), e);
                }
            }
        }
        return result;
    }

    /** Whether the class named {@code internalName} may be transformed at all (not excluded, included). */
    public boolean isConsidered(String internalName) {
        return transformer.isConsidered(internalName);
    }

    /**
     * Whether the class may hold coroutine methods or calls to them: the transformer's fast path, for
     * the agent to choose which classes already loaded to retransform. Never throws; a class it cannot
     * read is answered {@code true}, and the transformer then decides.
     */
    public boolean mayInvolveCoroutines(byte[] classFile, ClassLoader loader) {
        try {
            return transformer.mayInvolveCoroutines(classFile, loader);
        } catch (Throwable unreadable) {
            return true;
        }
    }

    /** The coroutine methods rewritten by retransformations since the last call, by class. */
    Map<String, Set<String>> drainRetransformed() {
        return retransformed.drain();
    }

    /** Classes that failed to transform so far. */
    public long failedCount() {
        return failed.get();
    }

    private byte[] refuse(ClassLoader loader, String className, byte[] classFile, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        byte[] refused;
        try {
            refused = transformer.refuseAll(classFile, loader, reason);
        } catch (Throwable second) {
            log(System.Logger.Level.ERROR, "coro4j could not read " + className.replace('/', '.')
                    + "; it is left as it was", failure);
            return null;
        }
        log(System.Logger.Level.ERROR, "coro4j could not transform " + className.replace('/', '.')
                + "; its coroutine methods will throw when called", failure);
        dump(className, refused);
        return refused;
    }

    private void log(String className, ClassTransformer.Report report) {
        for (String refusal : report.refused) {
            Throwable failure = report.failures.get(refusal);
            log(failure == null ? System.Logger.Level.WARNING : System.Logger.Level.ERROR, refusal, failure);
        }
        if (verbose) {
            for (String method : report.rewritten) {
                log(System.Logger.Level.INFO, "coro4j rewrote " + className.replace('/', '.') + "." + method,
                        null);
            }
        }
    }

    /**
     * Logs, and never throws: a logger that fails (a broken handler, a full disk) must not change
     * what the agent does with a class.
     */
    private static void log(System.Logger.Level level, String message, Throwable thrown) {
        try {
            if (thrown == null) {
                LOG.log(level, message);
            } else {
                LOG.log(level, message, thrown);
            }
        } catch (Throwable ignored) {
            // nowhere left to report it
        }
    }

    private void dump(String className, byte[] bytes) {
        if (dump == null || bytes == null) {
            return;
        }
        try {
            Path file = dump.resolve(className + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (Throwable e) {
            log(System.Logger.Level.WARNING, "coro4j could not dump " + className, e);
        }
    }
}
