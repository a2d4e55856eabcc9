package io.coro4j.bench;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.bench.kt.KotlinCallTax;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The call tax: a coroutine method that does not suspend, against the same plain method, each called
 * 100,000 times in a loop whose every step depends on the one before (the JIT cannot fold it away),
 * inside one task. The coroutine callee has a suspension point that is never taken, so its rewritten
 * body has the prologue and the call-site check; the plain callee is the same method without
 * {@code @Async} (the same parameters, the same never-taken branch, calling {@code Thread.yield()}
 * there), so that the difference is what the rewrite adds. {@code *NoInline} variants keep the JIT
 * from inlining the callee, to show the price of a real call. Run with {@code -prof gc}: the loop allocates nothing,
 * so gc.alloc.rate.norm is the task's own start-up divided by 100,000 (well under 1 B/op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
// three JVMs: a call that is not inlined costs 2.3 ns in some forks and 3.8 in others, plain or coroutine,
// old runtime or new, so one fork's ratio says more about its compilation than about the rewrite
@Fork(3)
@State(Scope.Benchmark)
public class CallTaxBench {
    static final int N = 100_000;

    /** Never true: the coroutine callee's suspension point is not taken. */
    public boolean suspend;
    public int seed = 17;

    /** {@link #asyncStep} without {@code @Async}: the same parameters and the same branch, never taken. */
    static int plainStep(int x, int i, boolean suspend) {
        if (suspend) {
            Thread.yield();
        }
        return (x ^ (x >>> 7)) * 31 + i;
    }

    @Async
    static int asyncStep(int x, int i, boolean suspend) {
        if (suspend) {
            Coro.sleep(Duration.ZERO);
        }
        return (x ^ (x >>> 7)) * 31 + i;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int plainStepNoInline(int x, int i, boolean suspend) {
        if (suspend) {
            Thread.yield();
        }
        return (x ^ (x >>> 7)) * 31 + i;
    }

    @Async
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static int asyncStepNoInline(int x, int i, boolean suspend) {
        if (suspend) {
            Coro.sleep(Duration.ZERO);
        }
        return (x ^ (x >>> 7)) * 31 + i;
    }

    static CompletableFuture<Integer> cfStep(int x, int i) {
        return CompletableFuture.completedFuture((x ^ (x >>> 7)) * 31 + i);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int plain() {
        int s = seed;
        boolean never = suspend;
        return Coro.run(() -> {
            int x = s;
            for (int i = 0; i < N; i++) {
                x = plainStep(x, i, never);
            }
            return x;
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutine() {
        int s = seed;
        boolean never = suspend;
        return Coro.run(() -> {
            int x = s;
            for (int i = 0; i < N; i++) {
                x = asyncStep(x, i, never);
            }
            return x;
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int plainNoInline() {
        int s = seed;
        boolean never = suspend;
        return Coro.run(() -> {
            int x = s;
            for (int i = 0; i < N; i++) {
                x = plainStepNoInline(x, i, never);
            }
            return x;
        });
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int coroutineNoInline() {
        int s = seed;
        boolean never = suspend;
        return Coro.run(() -> {
            int x = s;
            for (int i = 0; i < N; i++) {
                x = asyncStepNoInline(x, i, never);
            }
            return x;
        });
    }

    /** Kotlin: a suspending function whose suspension point is never taken, inside {@code runBlocking}. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int kotlin() {
        return KotlinCallTax.suspending(seed, suspend, N);
    }

    /** {@link #kotlin()}, the callee kept from inlining (JMH's annotation does not reach Kotlin sources). */
    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 3, jvmArgsAppend = {"-XX:CompileCommand=quiet",
            "-XX:CompileCommand=dontinline,io.coro4j.bench.kt.KotlinCallTax::suspendStepNoInline"})
    public int kotlinNoInline() {
        return KotlinCallTax.suspendingNoInline(seed, suspend, N);
    }

    /** The CompletableFuture peer: the callee returns a completed future, the caller joins it. */
    @Benchmark
    @OperationsPerInvocation(N)
    public int cf() {
        int x = seed;
        for (int i = 0; i < N; i++) {
            x = cfStep(x, i).join();
        }
        return x;
    }
}
