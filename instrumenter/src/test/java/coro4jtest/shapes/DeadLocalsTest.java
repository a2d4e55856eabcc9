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
 * A suspended coroutine keeps only the locals live after its suspension point: a reference that the
 * rest of the method never reads is not saved, so the garbage collector may take its object while the
 * task waits (a task that allocates a large buffer, uses it, then sleeps for an hour must not hold it).
 */
class DeadLocalsTest {
    @Test
    void aSuspendedFrameDoesNotKeepADeadReference() throws Exception {
        assertOnlyTheLiveObjectIsKept(() -> new TransformingLoader(Shapes.class.getPackageName())
                .loadClass(LivenessShapes.class.getName()));
    }

    @Test
    void aSuspendedFrameSavedByTheSharedCodeDoesNotKeepADeadReference() throws Exception {
        TransformingLoader loader = new TransformingLoader(Shapes.class.getPackageName());
        assertOnlyTheLiveObjectIsKept(() -> SharedFrames.during(
                () -> loader.loadClass(LivenessShapes.class.getName())));
    }

    private static void assertOnlyTheLiveObjectIsKept(Callable<Class<?>> load) throws Exception {
        Class<?> type = load.call();
        Method body = type.getMethod("dropsDeadReferences");
        List<String> whileSuspended = new ArrayList<>();
        Driver.Outcome outcome = Driver.runCallable(() -> body.invoke(null), () -> {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            whileSuspended.add("dead " + (referent(type, "dead") == null ? "collected" : "kept")
                    + ", live " + (referent(type, "live") == null ? "collected" : "kept"));
        });

        assertNull(outcome.failure);
        assertEquals((1 << 16) + "/" + (1 << 10), outcome.result);
        assertEquals(List.of("dead collected, live kept"), whileSuspended);
    }

    private static Object referent(Class<?> type, String field) {
        try {
            return ((WeakReference<?>) type.getField(field).get(null)).get();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
