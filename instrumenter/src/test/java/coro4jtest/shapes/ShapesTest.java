package coro4jtest.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bytecode shape of {@link Shapes}: the rewritten method, resumed after each suspension, gives
 * the same result as the method as compiled, and every rewritten class passes ASM's verifier.
 */
class ShapesTest {
    private static final TransformingLoader LOADER = new TransformingLoader(Shapes.class.getPackageName());

    static Stream<String> shapes() {
        return Arrays.stream(Shapes.class.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("shape") && Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void rewrittenGivesTheSameResultAsCompiled(String shape) throws Exception {
        Shapes.direct = true;
        Object expected = Shapes.class.getMethod(shape).invoke(null);

        Method rewritten = LOADER.loadClass(Shapes.class.getName()).getMethod(shape);
        Driver.Outcome outcome = Driver.runCallable(() -> invoke(rewritten));

        assertNull(outcome.failure, () -> "failed: " + stackOf(outcome.failure));
        assertEquals(expected, outcome.result);
        assertTrue(outcome.suspensions > 0, "the shape must really suspend");
    }

    @AfterAll
    static void everyRewrittenClassPassesTheVerifier() {
        assertTrue(LOADER.rewritten().size() > 3, "rewritten: " + LOADER.rewritten().keySet());
        Verification.assertValid(LOADER.rewritten(), LOADER);
    }

    static Object invoke(Method method) throws Exception {
        try {
            return method.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw (Error) e.getCause();
        }
    }

    static String stackOf(Throwable t) {
        if (t == null) {
            return "";
        }
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
