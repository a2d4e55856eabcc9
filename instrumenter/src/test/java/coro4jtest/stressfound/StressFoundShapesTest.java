package coro4jtest.stressfound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The shapes that the stress run over real jars ({@code coro4jtest.stress}) found the rewriter getting
 * wrong, each reduced to a small class of this package. Running a rewritten method makes the JVM verify
 * its class; ASM's verifier checks it too.
 */
class StressFoundShapesTest {
    private static final TransformingLoader LOADER =
            new TransformingLoader(StressFoundShapesTest.class.getPackageName() + ".");

    @Test
    void coroutineMethodWithABranchAndNoSuspensionPoint() throws Exception {
        Method rewritten = LOADER.loadClass(NoSuspensionPoint.class.getName())
                .getMethod("isSmall", int.class);
        Driver.Outcome outcome = Driver.runCallable(() -> rewritten.invoke(null, (int) 'q'));
        assertNull(outcome.failure);
        assertEquals(true, outcome.result);
    }

    @AfterAll
    static void everyRewrittenClassPassesAsmsVerifier() {
        Verification.assertValid(LOADER.rewritten(), LOADER);
    }
}
