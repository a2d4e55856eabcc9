package io.coro4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * 1M tasks that each sleep 1 s, awaited: the whole run, in milliseconds (run.sh reports the time beyond
 * the second). The heap each sleeping task retains is measured apart, by {@link HeapPerTask}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class SleepersBench {
    static final int N = 1_000_000;

    @Benchmark
    public void sleepers(PeerState s) throws Exception {
        s.w.sleepers(N, 1000, null);
    }
}
