package io.coro4j.internal.attach;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds the agent jar's attach entry point on the class path and calls it, once. The attach itself
 * needs byte-buddy-agent, which the agent jar carries shaded and the runtime must not depend on; so the
 * runtime names the entry point as a string. With {@code -javaagent} the JVM has put the agent jar on
 * the system class path already, and the entry point finds the agent installed and does nothing.
 */
public final class AgentInstaller {
    /** The agent jar's class that attaches it: {@code io.coro4j.instrument.agent.SelfAttach}. */
    static final String SELF_ATTACH = "io.coro4j.instrument.agent.SelfAttach";

    private static volatile boolean installed;

    private AgentInstaller() {}

    /** See {@code Coro.install()}. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (AgentInstaller.class) {
            if (!installed) {
                invoke(selfAttach());
                installed = true;
            }
        }
    }

    private static Class<?> selfAttach() {
        ClassLoader loader = AgentInstaller.class.getClassLoader();
        try {
            return Class.forName(SELF_ATTACH, true,
                    loader != null ? loader : ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Coro.install() cannot find the coro4j agent: put"
                    + " coro4j-agent.jar on the class path (or start the JVM with"
                    + " -javaagent:coro4j-agent.jar, which makes Coro.install() unnecessary)", e);
        }
    }

    private static void invoke(Class<?> selfAttach) {
        try {
            selfAttach.getMethod("install").invoke(null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException("coro4j could not install its agent: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("coro4j could not install its agent: " + SELF_ATTACH
                    + " in the coro4j-agent.jar on the class path does not match this runtime's version",
                    e);
        }
    }
}
