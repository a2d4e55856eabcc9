package coro4jtest.refusals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A monitor held across a suspension is refused: the refused method throws, when called, an
 * {@code IllegalStateException} that names its class, method and line, and the transformer's report
 * lists it. The lines expected are read from the original class file.
 */
class MonitorsTest {
    private static final String MONITORS = Monitors.class.getName();
    private final TransformingLoader loader = new TransformingLoader("coro4jtest.");

    @Test
    void aSynchronizedCoroutineMethodIsRefusedWithClassMethodAndLine() throws Exception {
        String message = refusalOf("synchronizedMethod");

        assertTrue(message.contains(MONITORS + ".synchronizedMethod(Monitors.java:"
                + firstLine("synchronizedMethod") + ")"), message);
        assertTrue(message.contains("synchronized"), message);
        assertListedAsRefused("synchronizedMethod");
    }

    @Test
    void aSynchronizedBlockAroundASuspensionIsRefusedWithClassMethodAndLine() throws Exception {
        String message = refusalOf("blockAroundTheSuspension");

        assertTrue(message.contains(MONITORS + ".blockAroundTheSuspension(Monitors.java:"), message);
        assertTrue(message.contains("pause at line " + lineOfCall("blockAroundTheSuspension", "pause")),
                message);
        assertTrue(message.contains("synchronized block"), message);
        assertListedAsRefused("blockAroundTheSuspension");
    }

    @Test
    void aSynchronizedBlockThatEndsBeforeTheSuspensionIsAllowed() throws Exception {
        Method method = loader.loadClass(MONITORS).getMethod("blockBeforeTheSuspension");
        Driver.Outcome outcome = Driver.runCallable(() -> method.invoke(null));

        assertNull(outcome.failure);
        assertEquals(4, outcome.result);
        assertEquals(1, outcome.suspensions);
        assertTrue(loader.report(MONITORS).rewritten.contains("blockBeforeTheSuspension()I"));
        Verification.assertValid(loader.rewritten(), loader);
    }

    private String refusalOf(String name) throws Exception {
        Method method = loader.loadClass(MONITORS).getMethod(name);
        Driver.Outcome outcome = Driver.runCallable(() -> {
            try {
                return method.invoke(null);
            } catch (InvocationTargetException e) {
                throw (Exception) e.getCause();
            }
        });
        assertInstanceOf(IllegalStateException.class, outcome.failure);
        assertEquals(0, outcome.suspensions);
        return outcome.failure.getMessage();
    }

    private void assertListedAsRefused(String name) {
        ClassTransformer.Report report = loader.report(MONITORS);
        List<String> refused = report.refused;
        assertTrue(refused.stream().anyMatch(m -> m.contains("." + name + "(")), () -> "refused: " + refused);
        assertTrue(report.rewritten.stream().noneMatch(m -> m.startsWith(name + "(")), report.rewritten::toString);
    }

    private static int firstLine(String name) throws Exception {
        for (AbstractInsnNode insn : original(name).instructions) {
            if (insn instanceof LineNumberNode) {
                return ((LineNumberNode) insn).line;
            }
        }
        throw new AssertionError("no line in " + name);
    }

    private static int lineOfCall(String name, String callee) throws Exception {
        int line = -1;
        for (AbstractInsnNode insn : original(name).instructions) {
            if (insn instanceof LineNumberNode) {
                line = ((LineNumberNode) insn).line;
            } else if (insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals(callee)) {
                return line;
            }
        }
        throw new AssertionError("no call to " + callee + " in " + name);
    }

    private static MethodNode original(String name) throws Exception {
        ClassNode type = new ClassNode();
        new ClassReader(TransformingLoader.bytesOf(MONITORS)).accept(type, 0);
        return type.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }
}
