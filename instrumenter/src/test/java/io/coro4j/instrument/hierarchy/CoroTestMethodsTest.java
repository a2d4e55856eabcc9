package io.coro4j.instrument.hierarchy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A test method marked with the JUnit extension's {@code @io.coro4j.junit.CoroTest} is a coroutine method, as
 * an {@code @Async} one is (the test is its main coroutine), known by the annotation's name alone; its
 * overrides are too, and other annotations make nothing a coroutine method.
 */
class CoroTestMethodsTest {
    @Test
    void aCoroTestMethodIsACoroutineMethodAndSoAreItsOverrides() {
        Map<String, byte[]> classes = Map.of(
                "t/BaseTest", type("t/BaseTest", "java/lang/Object", "Lio/coro4j/junit/CoroTest;"),
                "t/SubTest", type("t/SubTest", "t/BaseTest", null),
                "t/PlainTest", type("t/PlainTest", "java/lang/Object", "Lorg/junit/jupiter/api/Test;"));
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                byte[] bytes = classes.get(name.replace(".class", ""));
                return bytes == null ? super.getResourceAsStream(name) : new ByteArrayInputStream(bytes);
            }
        };
        ClassHierarchy hierarchy = new ClassHierarchy();

        assertEquals(Set.of("sleeps()"), hierarchy.coroutineKeys("t/BaseTest", loader));
        assertEquals(Set.of("sleeps()"), hierarchy.coroutineKeys("t/SubTest", loader));
        assertEquals(Set.of(), hierarchy.coroutineKeys("t/PlainTest", loader));
    }

    /** A class with a method {@code void sleeps()} annotated with {@code annotation} (none when null). */
    private static byte[] type(String name, String superName, String annotation) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, superName, new String[0]);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "sleeps", "()V", null, null);
        if (annotation != null) {
            m.visitAnnotation(annotation, true).visitEnd();
        }
        m.visitCode();
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 1);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
