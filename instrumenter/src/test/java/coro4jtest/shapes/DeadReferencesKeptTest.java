package coro4jtest.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coro4j.instrument.rewrite.SharedFrames;
import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * A suspended coroutine keeps the objects its reference locals hold, read again or not, as a Python
 * frame keeps its variables: the loop holds waiting tasks weakly (as asyncio does), so a task waiting on
 * a queue that only another task's variable names must not be collected while that variable is in
 * scope (it would never be cancelled, and its {@code finally} would never run). Only dead primitives
 * are left out of the saved frame.
 */
class DeadReferencesKeptTest {
    @Test
    void aSuspendedFrameKeepsADeadReference() throws Exception {
        assertTheDeadReferenceIsKept(() -> new TransformingLoader(Shapes.class.getPackageName())
                .loadClass(LivenessShapes.class.getName()));
    }

    @Test
    void aSuspendedFrameSavedByTheSharedCodeKeepsADeadReference() throws Exception {
        TransformingLoader loader = new TransformingLoader(Shapes.class.getPackageName());
        assertTheDeadReferenceIsKept(() -> SharedFrames.during(
                () -> loader.loadClass(LivenessShapes.class.getName())));
    }

    private static void assertTheDeadReferenceIsKept(Callable<Class<?>> load) throws Exception {
        Class<?> type = load.call();
        Method body = type.getMethod("keepsDeadReferences");
        List<String> whileSuspended = new ArrayList<>();
        Driver.Outcome outcome = Driver.runCallable(() -> body.invoke(null), () -> {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            whileSuspended.add(referent(type) == null ? "collected" : "kept");
        });

        assertNull(outcome.failure);
        assertEquals(1 << 16, outcome.result);
        assertEquals(List.of("kept"), whileSuspended);
    }

    private static Object referent(Class<?> type) {
        try {
            return ((WeakReference<?>) type.getField("dead").get(null)).get();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
