package io.coro4j.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Rewrites the coroutine methods of {@code target/classes} in place, after they are compiled
 * ({@code process-classes}), so that the program runs its coroutines without {@code -javaagent}.
 * Supertypes are read from the compile class path.
 */
@Mojo(name = "instrument", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public final class InstrumentMojo extends AbstractInstrumentMojo {
    @Override
    Path classesDirectory() {
        return Path.of(project.getBuild().getOutputDirectory());
    }

    @Override
    List<String> classPath() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }

    @Override
    List<String> sourceRoots() {
        return project.getCompileSourceRoots();
    }
}
