package io.coro4j.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.coro4j.Coro;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executable jar names the agent with {@code Launcher-Agent-Class}: {@code java -jar} starts it
 * before the main class, with no {@code -javaagent} and no dynamic-attach warning.
 */
class LauncherAgentJarTest {
    @Test
    void anExecutableJarWithLauncherAgentClassRunsACoroutine(@TempDir Path dir) throws Exception {
        Path jar = executableJar(dir.resolve("app.jar"));
        ForkedJvm.Result run = ForkedJvm.runJar(jar, List.of());
        assertEquals(0, run.exitCode(), run.all());
        assertEquals("results [A, B] steps [a1, b1, b2, a2]\n", run.out(), run.all());
        assertFalse(run.err().contains("loaded dynamically"), run.all());
    }

    /** A jar holding only the main class; the agent jar and the runtime come through its Class-Path. */
    private static Path executableJar(Path jar) throws IOException, URISyntaxException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, LauncherMain.class.getName());
        main.put(new Attributes.Name("Launcher-Agent-Class"), "io.coro4j.instrument.agent.CoroAgent");
        String runtime = Coro.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        main.put(Attributes.Name.CLASS_PATH, ForkedJvm.agentJar().toUri() + " " + runtime);
        String entry = LauncherMain.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = LauncherMain.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }
}
