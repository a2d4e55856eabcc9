package io.coro4j.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Un-rewritten code never runs silently: a jar built without the plugin and run without the agent fails
 * at its first task, at the call that creates it, with a message that names the coroutine and the three
 * ways to rewrite it; it never runs a coroutine that cannot suspend. The same jar runs under the agent.
 */
class UnrewrittenJarTest {
    private static final String MAIN = "io.coro4j.attach.PlainJarMain";

    @TempDir
    Path dir;

    private String classPath() throws Exception {
        return ClassFiles.jar(dir.resolve("app.jar"), MAIN) + File.pathSeparator + ClassFiles.runtime();
    }

    static String line(ForkedJvm.Result run, String prefix) {
        return run.out().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "\n" + run.all()));
    }

    @Test
    void aJarBuiltWithoutThePluginFailsAtItsFirstTaskNamingTheCoroutineAndTheThreeWays() throws Exception {
        ForkedJvm.Result run = ForkedJvm.run(classPath(), List.of(), MAIN);

        assertEquals(0, run.exitCode(), run.all());
        String lambda = line(run, "lambda ");
        assertTrue(lambda.startsWith("lambda failed: java.lang.IllegalStateException: coro4j cannot run a lambda"
                + " or method reference of io.coro4j.attach.PlainJarMain as a task (created at"
                + " io.coro4j.attach.PlainJarMain.lambda$main$"), run.all());
        assertTrue(lambda.contains("(PlainJarMain.java:"), run.all());
        String job = line(run, "class ");
        assertTrue(job.startsWith("class failed: java.lang.IllegalStateException: coro4j cannot run coroutine"
                + " method io.coro4j.attach.PlainJarMain$Job.call() as a task (created at"
                + " io.coro4j.attach.PlainJarMain.lambda$main$"), run.all());
        for (String message : List.of(lambda, job)) {
            assertTrue(message.contains("was never rewritten by coro4j, so its coroutines cannot suspend."
                    + " Rewrite it in one of three ways: add the Maven plugin io.coro4j:coro4j-maven-plugin"
                    + " (goals instrument and instrument-test) to the build, which costs nothing at run time; or"
                    + " start the JVM with -javaagent:coro4j-agent.jar (or call Coro.install() first thing in"
                    + " main); or, with another build tool, run java -jar coro4j-agent.jar rewrite <classes"
                    + " directory or jar> --classpath <its class path> after compiling"), message);
        }
    }

    @Test
    void theSameJarRunsUnderTheAgent() throws Exception {
        ForkedJvm.Result run = ForkedJvm.run(classPath(), List.of("-javaagent:" + ForkedJvm.agentJar()), MAIN);

        assertEquals(0, run.exitCode(), run.all());
        assertEquals("lambda returned 42\nclass returned 42\n", run.out(), run.all());
    }
}
