package io.coro4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Per task: creates 1M tasks that each yield once, then awaits them all in order (1M tasks alive at once:
 * the collector's work counts).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
// two JVMs: as for YieldBench, a fork's compilation can settle in a slower mode for all its iterations
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class SpawnBench {
    static final int N = 1_000_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public void spawn(PeerState s) throws Exception {
        s.w.spawn(N);
    }
}
