package coro4jtest.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.rewrite.SharedFrames;
import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bytecode shape of the classes in {@link #SHAPES}: each {@code shape*} method, rewritten and
 * resumed after each suspension, gives the same result as the method as compiled (run with
 * {@link Pauses#direct} set, so that it never suspends), and every rewritten class passes ASM's
 * verifier. The JVM's verifier checks them too, as the loader defines them. Each shape runs twice:
 * rewritten as the agent would, and with every frame saved by the code shared between call sites
 * (which the agent keeps for large frames).
 */
class ShapesTest {
    /** The shape classes, one per theme. A new theme needs only its class listed here. */
    private static final List<Class<?>> SHAPES = List.of(Shapes.class, ConstructorShapes.class,
            ExceptionShapes.class, ScaleShapes.class, GenericShapes.class, TypeShapes.class,
            NestedClassShapes.class, ReferenceShapes.class, LeafShapes.class, FrameTypeShapes.class,
            LivenessShapes.class);
    private static final TransformingLoader LOADER = new TransformingLoader(Shapes.class.getPackageName());
    /** Rewrites with every frame saved and restored by the shared code, even the small ones. */
    private static final TransformingLoader SHARED = new TransformingLoader(Shapes.class.getPackageName());

    static Stream<Arguments> shapes() {
        return SHAPES.stream().flatMap(type -> Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().startsWith("shape") && Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .sorted()
                .map(name -> Arguments.of(type.getSimpleName(), name)));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("shapes")
    void rewrittenGivesTheSameResultAsCompiled(String type, String shape) throws Exception {
        String className = Shapes.class.getPackageName() + "." + type;
        assertSameResult(className, shape, () -> LOADER.loadClass(className));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("shapes")
    void rewrittenWithEveryFrameSharedGivesTheSameResult(String type, String shape) throws Exception {
        String className = Shapes.class.getPackageName() + "." + type;
        assertSameResult(className, shape, () -> SharedFrames.during(() -> SHARED.loadClass(className)));
    }

    /** Runs {@code shape} as compiled and as {@code rewritten} loads it, which must really suspend. */
    private static void assertSameResult(String className, String shape, Callable<Class<?>> rewritten)
            throws Exception {
        Pauses.direct = true;
        Object expected = invoke(Class.forName(className).getMethod(shape));

        Method method = rewritten.call().getMethod(shape);
        Driver.Outcome outcome = Driver.runCallable(() -> invoke(method));

        assertNull(outcome.failure, () -> "failed: " + stackOf(outcome.failure));
        assertEquals(expected, outcome.result);
        assertTrue(outcome.suspensions > 0, "the shape must really suspend");
    }

    @AfterAll
    static void everyRewrittenClassPassesTheVerifier() {
        for (TransformingLoader loader : List.of(LOADER, SHARED)) {
            assertTrue(loader.rewritten().size() > 3, "rewritten: " + loader.rewritten().keySet());
            Verification.assertValid(loader.rewritten(), loader);
        }
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
