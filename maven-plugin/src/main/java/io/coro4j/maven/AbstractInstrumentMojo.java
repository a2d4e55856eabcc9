package io.coro4j.maven;

import io.coro4j.instrument.offline.ClassFileRewriter;
import io.coro4j.instrument.offline.DirectoryTarget;
import io.coro4j.instrument.offline.Refused;
import io.coro4j.instrument.offline.StalenessFile;
import io.coro4j.instrument.offline.Summary;
import io.coro4j.instrument.pipeline.TransformOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What both goals do: rewrite the coroutine methods of one directory of class files in place, with the
 * agent's rewriter and its mark, reading supertypes from the project's class path (never loading a
 * class), skipping the class files unchanged since the last run, and turning each refusal into a build
 * error that names the source file and line.
 */
abstract class AbstractInstrumentMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution execution;

    /** Leaves the classes as compiled. */
    @Parameter(property = "coro4j.skip", defaultValue = "false")
    boolean skip;

    /**
     * Whether a coroutine method the rewriter refuses (a monitor held across a suspension, say) fails the
     * build. When false, each refusal is a warning and the class is written with the refused method
     * throwing its reason when called, as under the agent.
     */
    @Parameter(property = "coro4j.failOnRefusal", defaultValue = "true")
    boolean failOnRefusal;

    /**
     * Rewrite only the classes in these packages (prefixes of class names), as the agent's
     * {@code -Dcoro4j.include}; empty: all.
     */
    @Parameter(property = "coro4j.include")
    List<String> includes;

    /**
     * Leave the classes in these packages (prefixes of class names) as compiled, as the agent's
     * {@code -Dcoro4j.exclude}: for code that the agent is to rewrite at run time instead, or none at all.
     */
    @Parameter(property = "coro4j.exclude")
    List<String> excludes;

    /** Logs each rewritten method. */
    @Parameter(property = "coro4j.verbose", defaultValue = "false")
    boolean verbose;

    /** The directory rewritten in place. */
    abstract Path classesDirectory();

    /** The class path the classes were compiled against, theirs included. */
    abstract List<String> classPath() throws DependencyResolutionRequiredException;

    /** Where the sources are, to name a refusal's source file. */
    abstract List<String> sourceRoots();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("coro4j: skipped (coro4j.skip)");
            return;
        }
        Path classes = classesDirectory();
        if (!Files.isDirectory(classes)) {
            getLog().info("coro4j: no classes in " + classes + ", nothing to rewrite");
            return;
        }
        List<String> include = includes == null ? List.of() : includes;
        List<String> exclude = excludes == null ? List.of() : excludes;
        StalenessFile staleness = StalenessFile.load(stalenessFile(),
                "include=" + include + " exclude=" + exclude);
        Summary summary;
        try (ClassFileRewriter rewriter = new ClassFileRewriter(lookup(classes),
                new TransformOptions(false, exclude, include))) {
            summary = DirectoryTarget.rewrite(classes, rewriter, staleness, !failOnRefusal);
        } catch (IOException e) {
            throw new MojoExecutionException("coro4j could not rewrite the classes in " + classes + ": " + e, e);
        }
        report(classes, summary);
    }

    private void report(Path classes, Summary summary) throws MojoFailureException {
        for (String method : summary.rewrittenMethods()) {
            if (verbose) {
                getLog().info("coro4j rewrote " + method);
            } else {
                getLog().debug("coro4j rewrote " + method);
            }
        }
        for (String malformed : summary.malformed()) {
            getLog().warn(classes.resolve(malformed) + ": not a class file coro4j can read; left as it is");
        }
        List<Refused> refused = summary.refused();
        for (Refused refusal : refused) {
            String line = located(classes, refusal);
            if (failOnRefusal) {
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
        getLog().info(summary.toString());
        if (!refused.isEmpty() && failOnRefusal) {
            throw new MojoFailureException("coro4j refused " + refused.size()
                    + (refused.size() == 1 ? " coroutine method" : " coroutine methods") + ", first "
                    + located(classes, refused.get(0)) + ". Fix the code; or set <failOnRefusal>false</failOnRefusal>"
                    + " (-Dcoro4j.failOnRefusal=false) to build anyway, each refused method then throwing its"
                    + " reason when called");
        }
    }

    /** {@code /abs/src/main/java/pkg/File.java:[12] message}, as compilers name a line for IDEs. */
    private String located(Path classes, Refused refusal) {
        String file = classes.resolve(refusal.classFile()).toString();
        if (refusal.sourcePath() != null) {
            for (String root : sourceRoots()) {
                Path source = Path.of(root).resolve(refusal.sourcePath());
                if (Files.isRegularFile(source)) {
                    file = source.toString();
                    break;
                }
            }
        }
        return file + (refusal.line() > 0 ? ":[" + refusal.line() + "]" : "") + " " + refusal.message();
    }

    /** The classes first, then the rest of the class path; what does not exist is left out. */
    private List<Path> lookup(Path classes) throws MojoExecutionException {
        Set<Path> lookup = new LinkedHashSet<>();
        lookup.add(classes.toAbsolutePath());
        try {
            for (String element : classPath()) {
                Path path = Path.of(element).toAbsolutePath();
                if (Files.exists(path)) {
                    lookup.add(path);
                }
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("coro4j needs the project's class path: " + e.getMessage(), e);
        }
        return new ArrayList<>(lookup);
    }

    /** As Byte Buddy's plugin: under {@code target/maven-status}, per goal and execution. */
    private Path stalenessFile() {
        return Path.of(project.getBuild().getDirectory(), "maven-status", "coro4j-maven-plugin",
                execution.getGoal(), execution.getExecutionId(), "staleness");
    }
}
