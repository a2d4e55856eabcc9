package io.coro4j.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suspension that meets a coroutine method the agent did not rewrite, because its class was excluded
 * or because it was already running when the agent attached, fails its task with an
 * {@code IllegalStateException} that names that method and says what to do; it never ends with a
 * result. Each case runs in a JVM of its own.
 */
class UninstrumentedFrameTest {
    private static final String WHAT_TO_DO = "A coroutine method is rewritten unless its class is excluded"
            + " with -Dcoro4j.exclude (remove its package from that list) or left out of -Dcoro4j.include"
            + " (add its package to that list), or it was already running when the agent was installed (install it before any coroutine runs: start the JVM with"
            + " -javaagent:coro4j-agent.jar, or call Coro.install() first thing in main)";

    @Test
    void aSuspensionThroughAnExcludedClassNamesItsMethodAndSaysWhatToDo() {
        ForkedJvm.Result run = ForkedJvm.run(ForkedJvm.testClassPath(), List.of(
                "-javaagent:" + ForkedJvm.agentJar(), "-Dcoro4j.exclude=io.coro4j.attach.excluded"),
                ExcludedCall.class);
        assertEquals(0, run.exitCode(), run.all());
        String fromLambda = line(run, "from-lambda ");
        assertTrue(fromLambda.startsWith("from-lambda failed: java.lang.IllegalStateException: Coro.sleep"
                + " suspended, but the suspension cannot reach io.coro4j.attach.ExcludedCall.lambda$main$"),
                run.all());
        assertTrue(fromLambda.contains("cannot reach io.coro4j.attach.ExcludedCall.lambda$main$"), run.all());
        assertTrue(fromLambda.contains("the method called there, work()I, or one it called on the way to"
                + " the suspension, was not rewritten by the coro4j agent"), run.all());
        assertTrue(fromLambda.contains(WHAT_TO_DO), run.all());

        String asBody = line(run, "as-body ");
        assertTrue(asBody.contains("but the task's body Legacy.work did not save itself"), run.all());
        assertTrue(asBody.contains(WHAT_TO_DO), run.all());
    }

    /**
     * The tasks start before the agent attaches, so their bodies must pass the task's check that they were
     * rewritten: {@link StaleActivation}, whose method references they are, is rewritten at build time by
     * the command line (and so left alone by the agent), while {@link Stale}, whose coroutine methods they
     * run, is not, until the agent attaches.
     */
    @Test
    void coroutinesRunningWhenTheAgentAttachesAreNamedThenFailClearlyWhenTheySuspend(@TempDir Path dir)
            throws Exception {
        Path rewritten = ClassFiles.copy(dir, StaleActivation.class.getName());
        ForkedJvm.Result rewrite = ClassFiles.rewrite(rewritten.toString(), "--classpath",
                ForkedJvm.testClassPath());
        assertEquals(0, rewrite.exitCode(), rewrite.all());
        ForkedJvm.Result run = ForkedJvm.run(rewritten + File.pathSeparator + ForkedJvm.classPathWithAgent(),
                List.of(), StaleActivation.class);
        assertEquals(0, run.exitCode(), run.all());
        // at attach time: a warning per activation, with its line
        for (String method : List.of("sleepThenCall", "sleepThenReturn")) {
            assertTrue(run.err().contains("WARNING: coro4j was attached while thread \"stale-"), run.all());
            assertTrue(run.err().contains("was running coroutine method io.coro4j.attach.Stale." + method
                    + "(Stale.java:"), run.all());
        }
        assertTrue(run.err().contains("this activation keeps running the old, un-rewritten code and"
                + " cannot suspend"), run.all());

        // prologue check: the old code called a rewritten coroutine method while its suspension unwound
        String calls = line(run, "stale-calls ");
        // the old code's frame has lost its line: retransformation made its method obsolete
        assertTrue(calls.startsWith("stale-calls failed: java.lang.IllegalStateException: Coro.sleep was"
                + " called from io.coro4j.attach.Stale.sleepThenCall("), run.all());
        assertTrue(calls.contains("), a coroutine method the coro4j agent did not rewrite, which went on"
                + " running instead of suspending."), run.all());
        assertTrue(calls.contains(WHAT_TO_DO), run.all());

        // body check: the body (linked through the rewritten class) returned from its old code, which saved
        // nothing, so the outermost frame saved is not the body's own
        String returns = line(run, "stale-returns ");
        assertTrue(returns.startsWith("stale-returns failed: java.lang.IllegalStateException: Coro.sleep"
                + " suspended, but the task's body Stale.sleepThenReturn did not save itself"), run.all());
        assertTrue(returns.contains("but the task's body Stale.sleepThenReturn did not save itself: the"
                + " suspension crossed a frame between the body and nap()V that is not a rewritten coroutine"
                + " method"), run.all());
        assertTrue(returns.contains(WHAT_TO_DO), run.all());
    }

    private static String line(ForkedJvm.Result run, String prefix) {
        return run.out().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "\n" + run.all()));
    }
}
