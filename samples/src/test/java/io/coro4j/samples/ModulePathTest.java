package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.Coro;
import java.io.File;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample run on the module path: the runtime as the named module {@code io.coro4j} (its
 * {@code module-info}), the samples as the automatic module {@code io.coro4j.samples} (their jar's
 * {@code Automatic-Module-Name}), no class path and no agent (the plugin rewrote them). The rewritten code
 * reaches the exported protocol package, the runtime's JFR events are recorded from the named module, and
 * the loop's MBean answers the platform MBean server ({@link ModulePathProbe}), and the network sample
 * {@link EchoExample} runs from the exported {@code io.coro4j.net}.
 */
class ModulePathTest {
    @Test
    void aSampleRunsOnTheModulePathAndRecordsItsEvents(@TempDir Path dir) throws Exception {
        Path runtime = location(Coro.class);
        assertTrue(Files.exists(runtime.resolve("module-info.class")) || runtime.toString().endsWith(".jar"),
                "the runtime is a module: " + runtime);
        Path samples = jar(List.of(location(AllTasksExample.class), location(ModulePathProbe.class)),
                dir.resolve("coro4j-samples.jar"), "io.coro4j.samples");
        Path recording = dir.resolve("run.jfr");

        SampleRun run = SampleRun.onModulePath(List.of(
                        "-XX:StartFlightRecording=dumponexit=true,filename=" + recording,
                        "-Xlog:jfr+startup=off"), // the recording's start is not the sample's output
                runtime + File.pathSeparator + samples, "io.coro4j.samples", AllTasksExample.class);

        run.assertSucceeded();
        run.assertMatchesExpected("AllTasksExample");
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        List<String> created = events.stream().filter(e -> e.getEventType().getName().equals("io.coro4j.TaskCreated"))
                .map(e -> e.getString("task")).sorted().collect(Collectors.toList());
        assertEquals(11, created.size(), "the main task and the ten it starts: " + created);
        assertEquals(11, events.stream().filter(e -> e.getEventType().getName().equals("io.coro4j.TaskFinished"))
                .count());

        SampleRun echo = SampleRun.onModulePath(List.of(), runtime + File.pathSeparator + samples,
                "io.coro4j.samples", EchoExample.class);
        echo.assertSucceeded(); // io.coro4j.net is exported
        echo.assertMatchesExpected("EchoExample");

        SampleRun probe = SampleRun.onModulePath(List.of(), runtime + File.pathSeparator + samples,
                "io.coro4j.samples", ModulePathProbe.class);
        probe.assertSucceeded();
        assertTrue(probe.stdout.startsWith("Task dump of the event loop of thread \"main\": 1 pending task"),
                "the loop's MBean answers from the module: " + probe.stdout);
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The sample's classes and the probe's (directories, as the build leaves them before {@code package}) in
     * one jar: {@code moduleName}, an automatic module.
     */
    private static Path jar(List<Path> classDirectories, Path jar, String moduleName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", moduleName);
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (Path classes : classDirectories) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(classes)) {
                    files = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".class")).sorted()
                            .collect(Collectors.toList());
                }
                for (Path file : files) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString()
                            .replace(File.separatorChar, '/')));
                    Files.copy(file, jarOut);
                    jarOut.closeEntry();
                }
            }
        }
        return jar;
    }
}
