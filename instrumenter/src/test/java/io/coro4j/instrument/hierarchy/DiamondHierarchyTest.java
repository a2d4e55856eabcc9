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
 * A supertype reached through two paths counts on both: the keys of each class are cached, and an
 * interface that one path had already visited used to count as empty on the other, so the cached keys
 * of that other path's classes lost it.
 */
class DiamondHierarchyTest {
    @Test
    void anInterfaceReachedTwiceGivesItsKeysToBothPaths() {
        // I declares @Async m(); B implements I; J extends I; C extends B implements J
        Map<String, byte[]> classes = Map.of(
                "d/I", type("d/I", true, "java/lang/Object", new String[0], true),
                "d/B", type("d/B", false, "java/lang/Object", new String[] {"d/I"}, false),
                "d/J", type("d/J", true, "java/lang/Object", new String[] {"d/I"}, false),
                "d/C", type("d/C", false, "d/B", new String[] {"d/J"}, false));
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public InputStream getResourceAsStream(String name) {
                byte[] bytes = classes.get(name.replace(".class", ""));
                return bytes == null ? super.getResourceAsStream(name) : new ByteArrayInputStream(bytes);
            }
        };
        ClassHierarchy hierarchy = new ClassHierarchy();

        assertEquals(Set.of("m()"), hierarchy.coroutineKeys("d/C", loader));
        assertEquals(Set.of("m()"), hierarchy.coroutineKeys("d/J", loader));
        assertEquals(Set.of("m()"), hierarchy.coroutineKeys("d/B", loader));
    }

    private static byte[] type(String name, boolean isInterface, String superName, String[] interfaces,
                               boolean declaresAsync) {
        ClassWriter cw = new ClassWriter(0);
        int access = Opcodes.ACC_PUBLIC | (isInterface ? Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT : 0);
        cw.visit(Opcodes.V17, access, name, null, superName, interfaces);
        if (declaresAsync) {
            MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "m", "()V", null, null);
            m.visitAnnotation("Lio/coro4j/Async;", true).visitEnd();
            m.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
