package io.coro4j.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of the agent jar, as another build tool runs it after compiling:
 * {@code java -jar coro4j-agent.jar rewrite app.jar --classpath ...} rewrites the jar in place, and the
 * program then runs its coroutines with no agent; a second run rewrites nothing; the agent, when there
 * is one, leaves the rewritten classes alone; a refusal exits with 1, naming the file and line.
 */
class RewriteCommandJarTest {
    private static final String MAIN = "io.coro4j.attach.PlainJarMain";

    @TempDir
    Path dir;

    @Test
    void itRewritesAJarInPlaceAndTheProgramRunsWithoutTheAgent() throws Exception {
        Path jar = ClassFiles.jar(dir.resolve("app.jar"), MAIN);

        ForkedJvm.Result rewrite = ClassFiles.rewrite(jar.toString(), "--classpath", ClassFiles.runtime().toString());

        assertEquals(0, rewrite.exitCode(), rewrite.all());
        assertTrue(rewrite.out().contains(" in 2 classes of " + jar + " (2 class files)"), rewrite.all());
        String classPath = jar + File.pathSeparator + ClassFiles.runtime();
        ForkedJvm.Result run = ForkedJvm.run(classPath, List.of(), MAIN);
        assertEquals("lambda returned 42\nclass returned 42\n", run.out(), run.all());

        ForkedJvm.Result again = ClassFiles.rewrite(jar.toString(), "--classpath", ClassFiles.runtime().toString());
        assertEquals(0, again.exitCode(), again.all());
        assertTrue(again.out().contains("coro4j rewrote 0 coroutine methods in 0 classes of " + jar
                + " (2 class files, 2 rewritten before)"), again.all());
    }

    @Test
    void theAgentLeavesTheRewrittenClassesAlone() throws Exception {
        Path classes = ClassFiles.copy(dir.resolve("classes"), MAIN);
        assertEquals(0, ClassFiles.rewrite(classes.toString(), "-cp", ClassFiles.runtime().toString()).exitCode());
        String classPath = classes + File.pathSeparator + ClassFiles.runtime();

        ForkedJvm.Result run = ForkedJvm.run(classPath,
                List.of("-javaagent:" + ForkedJvm.agentJar(), "-Dcoro4j.verbose=true"), MAIN);

        assertEquals("lambda returned 42\nclass returned 42\n", run.out(), run.all());
        assertFalse(run.err().contains("coro4j rewrote io.coro4j.attach.PlainJarMain"), run.all());
    }

    @Test
    void aRefusalExitsWithOneNamingTheFileAndLine() throws Exception {
        Path jar = ClassFiles.jar(dir.resolve("refused.jar"), "io.coro4j.attach.RefusedCounter");

        ForkedJvm.Result rewrite = ClassFiles.rewrite(jar.toString(), "--classpath", ClassFiles.runtime().toString());

        assertEquals(1, rewrite.exitCode(), rewrite.all());
        assertTrue(rewrite.err().contains("error: io/coro4j/attach/RefusedCounter.java:17: coro4j refused to"
                + " rewrite coroutine method io.coro4j.attach.RefusedCounter.tick(RefusedCounter.java:16): the"
                + " call to io.coro4j.Coro.sleep at line 17 can suspend inside a synchronized block"), rewrite.all());

        ForkedJvm.Result warned = ClassFiles.rewrite(jar.toString(), "--classpath", ClassFiles.runtime().toString(),
                "--warn-on-refusal");
        assertEquals(0, warned.exitCode(), warned.all());
        assertTrue(warned.err().contains("warning: io/coro4j/attach/RefusedCounter.java:17: coro4j refused"),
                warned.all());
    }
}
