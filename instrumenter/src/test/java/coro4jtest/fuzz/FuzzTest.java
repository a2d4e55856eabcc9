package coro4jtest.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the rewriter: random coroutine programs must compute the same result
 * rewritten (suspending, interleaved) as compiled (not suspending). A fixed-seed batch runs in CI;
 * {@code -Dcoro4j.fuzz.seed=N|random}, {@code -Dcoro4j.fuzz.count=M} and {@code -Dcoro4j.fuzz.program=K}
 * run another batch or replay one program (see {@code instrumenter/FUZZING.md}).
 */
class FuzzTest {
    static final long CI_SEED = 20_240_601L;
    /** 24 batches of 360: about 70 s on two idle cores (FUZZING.md says how it was measured). */
    static final int CI_COUNT = 8640;

    @Test
    void generatedProgramsGiveTheSameResultRewrittenAsCompiled() throws Exception {
        long seed = seed(System.getProperty("coro4j.fuzz.seed"));
        String program = System.getProperty("coro4j.fuzz.program");
        Fuzzer fuzzer = new Fuzzer();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        if (program != null) {
            Program p = fuzzer.replay(seed, Integer.parseInt(program));
            System.out.println("replayed program " + p.index() + " of seed " + seed + " (in class "
                    + Fuzzer.PACKAGE + "." + p.className() + ", with the programs of its driver):\n"
                    + p.source());
        } else {
            int count = Integer.getInteger("coro4j.fuzz.count", CI_COUNT);
            fuzzer.run(seed, 0, count);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long cpuMillis = (processCpuNanos() - cpuStart) / 1_000_000;
        System.out.println("coro4j fuzz: seed " + seed + ": " + fuzzer.summary() + " in " + millis + " ms ("
                + cpuMillis + " ms of CPU time in all the JVM's threads)");
        for (String failure : fuzzer.failures()) {
            System.out.println("FUZZ FAILURE " + failure);
        }
        assertTrue(fuzzer.failures().isEmpty(), () -> "seed " + seed + ": " + fuzzer.summary() + "\n"
                + String.join("\n\n", fuzzer.failures().subList(0, Math.min(3, fuzzer.failures().size()))));
    }

    /** The CPU time of this JVM so far (JIT compilers and garbage collectors included), or 0. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static long seed(String property) {
        if (property == null) {
            return CI_SEED;
        }
        if (property.equals("random")) {
            return new SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        return Long.parseLong(property);
    }
}
