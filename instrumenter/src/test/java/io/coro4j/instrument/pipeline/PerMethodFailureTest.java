package io.coro4j.instrument.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coro4jtest.refusals.SeveralCoroutines;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Issue 14, item 2: an unexpected failure while rewriting one coroutine method (a bug of ours) refuses
 * that method alone, with a body that throws what happened, where and why; the other coroutine
 * methods of the class are rewritten and run.
 */
class PerMethodFailureTest {
    private static final String NAME = SeveralCoroutines.class.getName();

    @Test
    void aFailureOnOneMethodRefusesThatMethodAloneAndTheOthersAreRewritten() throws Exception {
        RuntimeException bug = new IllegalArgumentException("injected rewriter bug");
        ClassTransformer.Report report = new ClassTransformer.Report();
        byte[] rewritten = FaultInjection.failingOn("broken", bug)
                .transform(TransformingLoader.bytesOf(NAME), getClass().getClassLoader(), report);

        assertEquals(List.of("pause(I)I", "first()I", "third()I"), report.rewritten);
        String message = only(report.refused);
        assertEquals(message, only(List.copyOf(report.failures.keySet())));
        assertSame(bug, report.failures.get(message));
        assertEquals("", Verification.problems(rewritten, getClass().getClassLoader()));

        Class<?> type = new BytesLoader().define(NAME.replace('.', '/'), rewritten);
        Driver.Outcome first = run(type.getMethod("first"));
        assertNull(first.failure);
        assertEquals(1, first.result);
        assertEquals(1, first.suspensions);
        Driver.Outcome third = run(type.getMethod("third"));
        assertNull(third.failure);
        assertEquals(3, third.result);
        assertEquals(2, third.suspensions);

        Driver.Outcome broken = run(type.getMethod("broken"));
        assertInstanceOf(IllegalStateException.class, broken.failure);
        assertEquals(0, broken.suspensions);
        assertEquals(message, broken.failure.getMessage());
        assertTrue(message.startsWith("coro4j failed to rewrite coroutine method " + NAME
                + ".broken(SeveralCoroutines.java:" + firstLine("broken") + ") (a bug in coro4j: please"
                + " report it with this message): java.lang.IllegalArgumentException: injected rewriter"
                + " bug. "), message);
    }

    @Test
    void anErrorThatIsNotABugOfThePassesStillEscapesForTheAgentToRefuseTheClass() throws Exception {
        Error broken = new NoClassDefFoundError("injected: the agent's jar is broken");
        ClassTransformer transformer = FaultInjection.failingOn("broken", broken);
        byte[] bytes = TransformingLoader.bytesOf(NAME);
        assertSame(broken, assertThrows(NoClassDefFoundError.class, () -> transformer.transform(bytes,
                getClass().getClassLoader(), new ClassTransformer.Report())));
    }

    private static Driver.Outcome run(Method method) {
        return Driver.runCallable(() -> {
            try {
                return method.invoke(null);
            } catch (InvocationTargetException e) {
                throw (Exception) e.getCause();
            }
        });
    }

    private static String only(List<String> list) {
        assertEquals(1, list.size(), list::toString);
        return list.get(0);
    }

    private static int firstLine(String method) throws Exception {
        ClassNode type = new ClassNode();
        new ClassReader(TransformingLoader.bytesOf(NAME)).accept(type, 0);
        MethodNode node = type.methods.stream().filter(m -> m.name.equals(method)).findFirst().orElseThrow();
        for (var insn : node.instructions) {
            if (insn instanceof LineNumberNode) {
                return ((LineNumberNode) insn).line;
            }
        }
        throw new AssertionError("no line in " + method);
    }
}
