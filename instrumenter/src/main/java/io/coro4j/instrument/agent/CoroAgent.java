package io.coro4j.instrument.agent;

import io.coro4j.instrument.Names;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's entry points: {@code -javaagent:coro4j-agent.jar} ({@link #premain}), attach at run time
 * and the {@code Launcher-Agent-Class} of an executable jar ({@link #agentmain}). Tiny and defensive:
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
            retransformLoaded(instrumentation);
        }
    }

    private static void retransformLoaded(Instrumentation instrumentation) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            String name = loaded.getName().replace('.', '/');
            if (!loaded.isArray() && !loaded.isHidden() && !Names.isExcluded(name)
                    && instrumentation.isModifiableClass(loaded)) {
                candidates.add(loaded);
            }
        }
        for (Class<?> candidate : candidates) {
            try {
                instrumentation.retransformClasses(candidate);
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "coro4j could not retransform "
                        + candidate.getName(), e);
            }
        }
    }
}
