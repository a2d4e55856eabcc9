package io.coro4j.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rewrites the coroutine methods of {@code target/test-classes} in place, after they are compiled
 * ({@code process-test-classes}), so that the tests run their coroutines without {@code -javaagent}.
 * Supertypes are read from the test class path.
 */
@Mojo(name = "instrument-test", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public final class InstrumentTestMojo extends AbstractInstrumentMojo {
    @Override
    Path classesDirectory() {
        return Path.of(project.getBuild().getTestOutputDirectory());
    }

    @Override
    List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getTestClasspathElements();
    }

    @Override
    List<String> sourceRoots() {
        return project.getTestCompileSourceRoots();
    }
}
