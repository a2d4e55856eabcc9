package io.coro4j.instrument.hierarchy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.support.InMemoryCompiler;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/** {@link ClassHeader} agrees with ASM on real class files, and falls back whole on anything else. */
class ClassHeaderTest {
    @Test
    void agreesWithAsmOnEveryClassOfRealJars() throws Exception {
        int checked = 0;
        for (Class<?> fromJar : List.of(ClassReader.class, Test.class, org.junit.jupiter.api.Assertions.class)) {
            File jar = new File(fromJar.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile file = new JarFile(jar)) {
                for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().endsWith(".class")) {
                        try (InputStream in = file.getInputStream(entry)) {
                            check(in.readAllBytes());
                            checked++;
                        }
                    }
                }
            }
        }
        for (String jdk : List.of("java/lang/String", "java/lang/Long", "java/util/HashMap",
                "java/lang/invoke/MethodHandles$Lookup", "java/lang/Runnable")) {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(jdk + ".class")) {
                check(in.readAllBytes());
            }
        }
        assertTrue(checked > 300, "classes checked: " + checked);
    }

    @Test
    void decodesNamesThatAreNotAscii() throws IOException {
        Map<String, byte[]> classes = InMemoryCompiler.compile(Map.of(
                "app.Caf\u00e9", "package app; public class Caf\u00e9 extends \u00c9t\u00e9 implements \u4e2d {}",
                "app.\u00c9t\u00e9", "package app; public class \u00c9t\u00e9 {}",
                "app.\u4e2d", "package app; public interface \u4e2d {}"), 17);
        ClassHeader header = check(classes.get("app.Caf\u00e9"));
        assertEquals("app/Caf\u00e9", header.name);
        assertEquals("app/\u00c9t\u00e9", header.superName);
        assertArrayEquals(new String[] {"app/\u4e2d"}, header.interfaces);
    }

    @Test
    void stopsReadingAtTheEndOfTheHeader() throws IOException {
        byte[] bytes = ClassHeaderTest.class.getResourceAsStream("ClassHeaderTest.class").readAllBytes();
        CountingStream in = new CountingStream(bytes, Integer.MAX_VALUE);
        assertTrue(ClassHeader.read(in).complete());
        assertTrue(in.served < bytes.length, in.served + " of " + bytes.length);
    }

    @Test
    void truncatedOrForeignFilesAreNotCompleteAndAreReturnedWhole() throws IOException {
        byte[] bytes = ClassHeaderTest.class.getResourceAsStream("ClassHeaderTest.class").readAllBytes();
        ClassHeader whole = ClassHeader.read(new ByteArrayInputStream(bytes));
        int headerEnd = new ClassReader(bytes).header + 8 + 2 * whole.interfaces.length;
        for (int length = 0; length < bytes.length; length += length < headerEnd + 16 ? 1 : 97) {
            byte[] cut = Arrays.copyOf(bytes, length);
            ClassHeader header = ClassHeader.read(new ByteArrayInputStream(cut));
            assertEquals(length >= headerEnd, header.complete(), "cut at " + length);
            assertArrayEquals(cut, header.readRest(), "cut at " + length);
        }
        byte[] foreign = "not a class file, but long enough to be read as one".getBytes();
        ClassHeader header = ClassHeader.read(new ByteArrayInputStream(foreign));
        assertFalse(header.complete());
        assertArrayEquals(foreign, header.readRest());
        byte[] unknownTag = bytes.clone();
        unknownTag[10] = 99; // the first constant's tag
        assertFalse(ClassHeader.read(new ByteArrayInputStream(unknownTag)).complete());
    }

    /** Reads {@code bytes} through a stream that serves a few bytes per call, and compares with ASM. */
    private static ClassHeader check(byte[] bytes) throws IOException {
        ClassReader asm = new ClassReader(bytes);
        for (int chunk : new int[] {Integer.MAX_VALUE, 7}) {
            CountingStream in = new CountingStream(bytes, chunk);
            ClassHeader header = ClassHeader.read(in);
            String what = asm.getClassName() + " in chunks of " + chunk;
            assertTrue(header.complete(), what);
            assertEquals(asm.getClassName(), header.name, what);
            assertEquals(asm.getSuperName(), header.superName, what);
            assertArrayEquals(asm.getInterfaces(), header.interfaces, what);
            assertEquals(asm.getAccess(), header.access, what);
            assertEquals(ClassHierarchy.mentionsCoro4j(bytes), header.poolContains(Names.PACKAGE_PREFIX), what);
            assertArrayEquals(bytes, header.readRest(), what);
        }
        return ClassHeader.read(new ByteArrayInputStream(bytes));
    }

    /** Serves at most {@code chunk} bytes per read, and counts what it served. */
    private static final class CountingStream extends ByteArrayInputStream {
        private final int chunk;
        int served;

        CountingStream(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int read = super.read(b, off, Math.min(len, chunk));
            served += Math.max(read, 0);
            return read;
        }
    }
}
