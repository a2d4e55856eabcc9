package io.coro4j.instrument.agent;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.Map;
import java.util.Set;

/**
 * The agent's entry points: {@code -javaagent:coro4j-agent.jar} ({@link #premain}), attach at run time
 * ({@code Coro.install()} through {@link SelfAttach}) and the {@code Launcher-Agent-Class} of an
 * executable jar ({@link #agentmain}). Installing twice is a no-op. Tiny and defensive:
 * it wires one {@link CoroTransformer} and, when attached late, retransforms the classes already loaded
 * that may hold coroutine methods (the rewrite changes method bodies only, which retransformation
 * allows).
 */
public final class CoroAgent {
    private static final System.Logger LOG = System.getLogger("io.coro4j.agent");
    private static volatile CoroTransformer installed;

    private CoroAgent() {}

    public static void premain(String args, Instrumentation instrumentation) {
        install(instrumentation, false);
    }

    public static void agentmain(String args, Instrumentation instrumentation) {
        install(instrumentation, true);
    }

    /** The transformer installed in this JVM, or {@code null}. */
    public static CoroTransformer installed() {
        return installed;
    }

    private static synchronized void install(Instrumentation instrumentation, boolean late) {
        if (installed != null) {
            return;
        }
        CoroTransformer transformer = new CoroTransformer();
        installed = transformer;
        boolean retransform = late && instrumentation.isRetransformClassesSupported();
        instrumentation.addTransformer(transformer, retransform);
        if (retransform) {
            retransformLoaded(instrumentation, transformer);
        }
    }

    /**
     * Retransforms the classes already loaded that can involve coroutines, then warns about coroutine
     * methods that were running while their class was rewritten (they go on in the old code).
     */
    private static void retransformLoaded(Instrumentation instrumentation, CoroTransformer transformer) {
        transformer.drainRetransformed();
        Map<Thread, StackTraceElement[]> before = Thread.getAllStackTraces();
        for (Class<?> candidate : LoadedCandidates.of(instrumentation, transformer)) {
            try {
                instrumentation.retransformClasses(candidate);
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "coro4j could not retransform "
                        + candidate.getName(), e);
            }
        }
        Map<String, Set<String>> rewritten = transformer.drainRetransformed();
        for (String warning : StaleActivations.find(rewritten, before,
                Thread.getAllStackTraces())) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
    }
}
