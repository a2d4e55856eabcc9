package io.coro4j.instrument.agent;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Installs the agent into the running JVM, for {@code Coro.install()}: the runtime depends on the JDK
 * alone, so it finds this class by name on the class path and calls {@link #install()}.
 *
 * <p>byte-buddy-agent (shaded into the agent jar) obtains an {@link Instrumentation} by attaching to
 * this very JVM, from a helper process where the JVM forbids attaching to itself; the agent is then
 * started as an attached agent ({@link CoroAgent#agentmain}), which retransforms the classes already
 * loaded. On JDK 21 and later the JVM prints a warning about a dynamically loaded agent unless it was
 * started with {@code -XX:+EnableDynamicAgentLoading}.
 */
public final class SelfAttach {
    private SelfAttach() {}

    /**
     * Installs the agent unless it is installed already (with {@code -javaagent}, an executable jar's
     * {@code Launcher-Agent-Class}, or an earlier call).
     *
     * @throws IllegalStateException when this JVM cannot be attached to
     */
    public static synchronized void install() {
        if (CoroAgent.installed() != null) {
            return;
        }
        Instrumentation instrumentation;
        try {
            instrumentation = ByteBuddyAgent.install();
        } catch (RuntimeException e) {
            throw new IllegalStateException("coro4j could not attach its agent to this JVM (" + e.getMessage()
                    + "); start the JVM with -javaagent:coro4j-agent.jar instead", e);
        }
        CoroAgent.agentmain(null, instrumentation);
    }
}
