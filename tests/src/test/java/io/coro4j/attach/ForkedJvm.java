package io.coro4j.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program in a new JVM, without the {@code -javaagent} this test JVM was started with, and
 * captures what it prints: the agent can be installed only once per JVM, so every way of installing it
 * is tested in a JVM of its own. The new JVM is this one's ({@code java.home}) with this module's test
 * class path, which holds the runtime but not the agent jar.
 */
final class ForkedJvm {
    /** What the program printed, and how it ended. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private ForkedJvm() {}

    /** The shaded agent jar the build made (the surefire configuration passes its path). */
    static Path agentJar() {
        Path jar = Path.of(System.getProperty("coro4j.agent.jar", "../instrumenter/target/coro4j-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no agent jar at " + jar.toAbsolutePath() + ": build the instrumenter");
        }
        return jar.toAbsolutePath();
    }

    /** This module's test class path (surefire's, not its booter jar's). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The test class path with the agent jar on it, as {@code Coro.install()} needs. */
    static String classPathWithAgent() {
        return testClassPath() + java.io.File.pathSeparator + agentJar();
    }

    /** Runs {@code mainClass} with {@code classPath} and the JVM options given. */
    static Result run(String classPath, List<String> jvmOptions, Class<?> mainClass) {
        return run(classPath, jvmOptions, mainClass.getName());
    }

    /** Runs the class named {@code mainClass} (never loaded here) with {@code classPath} and the JVM options. */
    static Result run(String classPath, List<String> jvmOptions, String mainClass) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        return start(command);
    }

    /** Runs {@code java -jar jar}. */
    static Result runJar(Path jar, List<String> jvmOptions) {
        return runJar(jar, jvmOptions, List.of());
    }

    /** Runs {@code java -jar jar arguments...}. */
    static Result runJar(Path jar, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return start(command);
    }

    /** Whether this JVM is JDK 21 or later, where loading an agent at run time prints a warning. */
    static boolean warnsOnDynamicAgents() {
        return Runtime.version().feature() >= 21;
    }

    private static Result start(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String dump = System.getProperty("coro4j.dump");
        if (dump != null) {
            command.add("-Dcoro4j.dump=" + dump); // the verifier test checks what the forked agents wrote
        }
        command.addAll(arguments);
        try {
            Path out = Files.createTempFile("coro4j-fork", ".out");
            Path err = Files.createTempFile("coro4j-fork", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("timed out: " + command + "\n" + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
