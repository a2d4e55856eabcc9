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

/** One round trip between two tasks through two one-slot channels. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// fifteen warm-up seconds: on the shared 2-core machine coro4j's forks were still leaving the interpreter
// and C1 (1 to 20 µs per round trip) after six, its rewritten Queue.get and put being big to compile
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
// two JVMs, so that the table shows the spread between forks
@Fork(2)
public class PingPongBench {
    static final int N = 100_000;

    @Benchmark
    @OperationsPerInvocation(N)
    public void pingPong(PeerState s) throws Exception {
        s.w.pingPong(N);
    }
}
