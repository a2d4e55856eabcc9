package coro4jtest.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
    static final int CI_COUNT = 2400;

    @Test
    void generatedProgramsGiveTheSameResultRewrittenAsCompiled() throws Exception {
        long seed = seed(System.getProperty("coro4j.fuzz.seed"));
        String program = System.getProperty("coro4j.fuzz.program");
        Fuzzer fuzzer = new Fuzzer();
        long start = System.nanoTime();
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
        System.out.println("coro4j fuzz: seed " + seed + ": " + fuzzer.summary() + " in " + millis + " ms");
        for (String failure : fuzzer.failures()) {
            System.out.println("FUZZ FAILURE " + failure);
        }
        assertTrue(fuzzer.failures().isEmpty(), () -> "seed " + seed + ": " + fuzzer.summary() + "\n"
                + String.join("\n\n", fuzzer.failures().subList(0, Math.min(3, fuzzer.failures().size()))));
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
