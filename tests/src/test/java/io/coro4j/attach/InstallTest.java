package io.coro4j.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Coro.install()}: attaching the agent at run time, in JVMs started without {@code -javaagent}.
 * Attach then retransform: the classes loaded (and run) before the attach are rewritten and their
 * coroutines suspend and resume.
 */
class InstallTest {
    private static final String EXPECTED = "loaded Preloaded\nsums [3, 3]\n"
            + "steps [a0, b0, a1, b1, a2, b2]\n";
    private static final String DYNAMIC_AGENT_WARNING = "A Java agent has been loaded dynamically";

    @Test
    void classesLoadedBeforeInstallAreRetransformedAndTheirCoroutinesSuspendAndResume() {
        ForkedJvm.Result run = ForkedJvm.run(ForkedJvm.classPathWithAgent(),
                List.of("-Dcoro4j.verbose=true"),
                InstallLater.class);
        assertEquals(0, run.exitCode(), run.all());
        assertEquals(EXPECTED, run.out(), run.all());
        // the agent rewrote the class it found loaded, and the lambdas of the main that was running
        assertTrue(run.err().contains("coro4j rewrote io.coro4j.attach.Preloaded.count("), run.all());
        assertTrue(run.err().contains("coro4j rewrote io.coro4j.attach.InstallLater.lambda$main$"), run.all());
        assertFalse(run.err().contains("coro4j was attached while"), run.all());
    }

    @Test
    void installIsANoOpUnderJavaagent() {
        ForkedJvm.Result run = ForkedJvm.run(ForkedJvm.testClassPath(),
                List.of("-javaagent:" + ForkedJvm.agentJar()), InstallLater.class);
        assertEquals(0, run.exitCode(), run.all());
        assertEquals(EXPECTED, run.out(), run.all());
        assertFalse(run.err().contains(DYNAMIC_AGENT_WARNING), run.all());
    }

    @Test
    void withoutTheAgentJarOnTheClassPathInstallSaysToPutItThere() {
        ForkedJvm.Result run = ForkedJvm.run(ForkedJvm.testClassPath(), List.of(), InstallLater.class);
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().contains("java.lang.IllegalStateException: Coro.install() cannot find the coro4j"
                + " agent: put coro4j-agent.jar on the class path"), run.all());
    }

    @Test
    void onJdk21AndLaterInstallWarnsUnlessDynamicAgentLoadingIsEnabled() {
        assumeTrue(ForkedJvm.warnsOnDynamicAgents(), "JDK " + Runtime.version().feature() + " does not warn");
        ForkedJvm.Result warned = ForkedJvm.run(ForkedJvm.classPathWithAgent(), List.of(), InstallLater.class);
        assertEquals(EXPECTED, warned.out(), warned.all());
        assertTrue(warned.err().contains(DYNAMIC_AGENT_WARNING), warned.all());
        assertTrue(warned.err().contains("-XX:+EnableDynamicAgentLoading"), warned.all());

        ForkedJvm.Result silent = ForkedJvm.run(ForkedJvm.classPathWithAgent(),
                List.of("-XX:+EnableDynamicAgentLoading"), InstallLater.class);
        assertEquals(EXPECTED, silent.out(), silent.all());
        assertFalse(silent.err().contains(DYNAMIC_AGENT_WARNING), silent.all());
    }
}
