package io.coro4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The agent's transformer called directly (from the agent jar, named by {@code -Dcoro4j.agent.jar}): the
 * time to rewrite {@link HeavyCoroutines} (twelve coroutine methods), and the fast path that returns a
 * class that never mentions coro4j untouched (JMH's {@code Runner}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TransformBench {
    private ClassFileTransformer transformer;
    private byte[] heavy;
    private byte[] plain;
    private ClassLoader loader;

    @Setup
    public void setUp() throws Exception {
        String jar = System.getProperty("coro4j.agent.jar");
        if (jar == null) {
            throw new IllegalStateException("-Dcoro4j.agent.jar=path/to/coro4j-agent.jar is missing");
        }
        URLClassLoader agent = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, null);
        transformer = (ClassFileTransformer) agent.loadClass("io.coro4j.instrument.agent.CoroTransformer")
                .getConstructor().newInstance();
        loader = TransformBench.class.getClassLoader();
        heavy = bytes(loader, "io/coro4j/bench/HeavyCoroutines.class");
        plain = bytes(loader, "org/openjdk/jmh/runner/Runner.class");
        if (transformer.transform(loader, "io/coro4j/bench/HeavyCoroutines", null, null, heavy) == null) {
            throw new IllegalStateException("HeavyCoroutines was not transformed");
        }
        if (transformer.transform(loader, "org/openjdk/jmh/runner/Runner", null, null, plain) != null) {
            throw new IllegalStateException("Runner was transformed");
        }
    }

    private static byte[] bytes(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    @Benchmark
    public byte[] heavyClass() throws Exception {
        return transformer.transform(loader, "io/coro4j/bench/HeavyCoroutines", null, null, heavy);
    }

    @Benchmark
    public byte[] fastPath() throws Exception {
        return transformer.transform(loader, "org/openjdk/jmh/runner/Runner", null, null, plain);
    }
}
