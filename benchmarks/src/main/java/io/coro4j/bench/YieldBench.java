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
 * One suspension and resume through the scheduler: one task yielding (depth 1), two tasks taking turns
 * (every yield switches tasks), and one task yielding at the bottom of 10 coroutine frames.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
// three JVMs, not one: about one fork in four settles in a slower compilation (depth 1: 45 ns instead
// of 27 in every iteration), so one fork's number depends on which it drew; the score is their mean
@Fork(3)
public class YieldBench {
    static final int N = 100_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public void depth1(PeerState s) throws Exception {
        s.w.yields(N, 1);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void twoTasks(PeerState s) throws Exception {
        s.w.yieldsTwoTasks(N, 1);
    }

    /** Two tasks taking turns, each yielding at the bottom of 10 frames: every yield unwinds and rewinds them. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void depth10TwoTasks(PeerState s) throws Exception {
        s.w.yieldsTwoTasks(N, 10);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void depth10(PeerState s) throws Exception {
        s.w.yields(N, 10);
    }
}
