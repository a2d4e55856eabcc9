package coro4jtest.refusals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import coro4jtest.agent.Greeter;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.TransformingLoader;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

/**
 * What the agent does with a class it failed to transform: its coroutine methods throw the reason,
 * and its other methods run as they were. Those kept their stack map frames: the class was once
 * written back without them, and the JVM rejected the first plain method with a branch.
 */
class RefuseAllTest {
    @Test
    void coroutineMethodsThrowAndPlainMethodsStillRun() throws Exception {
        String name = Greeter.class.getName().replace('.', '/');
        byte[] refused = new ClassTransformer(new ClassHierarchy()).refuseAll(
                TransformingLoader.bytesOf(Greeter.class.getName()), getClass().getClassLoader(), "the reason");

        Class<?> greeter = new BytesLoader().define(name, refused);
        assertEquals(1, greeter.getMethod("sign", int.class).invoke(null, 42));
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> greeter.getMethod("greet", String.class).invoke(null, "bob"));
        assertEquals(IllegalStateException.class, thrown.getCause().getClass());
        assertEquals(true, thrown.getCause().getMessage().endsWith(": the reason"));
    }
}
