package io.coro4j.instrument.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.pipeline.RewriteMark;
import io.coro4j.instrument.pipeline.TransformOptions;
import io.coro4j.instrument.support.InMemoryCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

/**
 * The rewrite at build time over a jar, in place: its classes come out as from a directory, every other
 * entry as it was, in the same order and with the same compression method; a jar with a refusal, or a
 * signed one, is left as it was.
 */
class JarTargetTest {
    private static final byte[] STORED = "a nested jar must stay stored".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** A jar of the test's classes: the manifest first, a stored entry, then the classes. */
    private Path jar(Map<String, String> sources, String... extraEntries) throws IOException {
        Map<String, String> all = new HashMap<>(sources);
        all.putAll(DirectoryTargetTest.LIB);
        Map<String, byte[]> compiled = InMemoryCompiler.compile(all, 17);
        Path lib = dir.resolve("lib");
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(out, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(), ZipEntry.DEFLATED);
            put(out, "BOOT-INF/lib/nested.jar", STORED, ZipEntry.STORED);
            for (String extra : extraEntries) {
                put(out, extra, new byte[] {1, 2, 3}, ZipEntry.DEFLATED);
            }
            for (Map.Entry<String, byte[]> entry : compiled.entrySet()) {
                String path = entry.getKey().replace('.', '/') + ".class";
                if (entry.getKey().startsWith("lib.")) {
                    Files.createDirectories(lib.resolve(path).getParent());
                    Files.write(lib.resolve(path), entry.getValue());
                } else {
                    put(out, path, entry.getValue(), ZipEntry.DEFLATED);
                }
            }
        }
        return jar;
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes, int method) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    private Summary rewrite(Path jar, boolean keepRefused) throws IOException {
        try (ClassFileRewriter rewriter = new ClassFileRewriter(
                List.of(jar, dir.resolve("lib"), DirectoryTargetTest.runtime()), TransformOptions.defaults())) {
            return JarTarget.rewrite(jar, rewriter, keepRefused);
        }
    }

    private static Map<String, ZipEntry> entries(Path jar, List<String> order) throws IOException {
        Map<String, ZipEntry> entries = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                order.add(entry.getName());
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }

    private static byte[] read(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    @Test
    void rewritesTheClassesInPlaceAndKeepsEveryOtherEntryAsItWas() throws Exception {
        Map<String, String> sources = new HashMap<>(DirectoryTargetTest.APP);
        sources.remove("app.Bad");
        Path jar = jar(sources);
        List<String> before = new ArrayList<>();
        entries(jar, before);

        Summary summary = rewrite(jar, false);

        assertEquals(3, summary.rewrittenClasses(), summary.toString());
        List<String> after = new ArrayList<>();
        Map<String, ZipEntry> entries = entries(jar, after);
        assertEquals(before, after, "same entries, same order, the manifest first");
        assertEquals(ZipEntry.STORED, entries.get("BOOT-INF/lib/nested.jar").getMethod());
        assertArrayEquals(STORED, read(jar, "BOOT-INF/lib/nested.jar"));
        for (String name : List.of("app/Lib.class", "app/Job.class", "app/Sub.class")) {
            assertTrue(RewriteMark.isMarked(new ClassReader(read(jar, name))), name);
        }
        assertFalse(RewriteMark.isMarked(new ClassReader(read(jar, "app/Plain.class"))));
        assertFalse(Files.exists(jar.resolveSibling("app.jar.coro4j.tmp")));

        Summary again = rewrite(jar, false);
        assertEquals(0, again.rewrittenClasses());
        assertEquals(3, again.alreadyRewritten());
    }

    @Test
    void aJarWithARefusalIsLeftAsItWasUnlessAsked() throws Exception {
        Path jar = jar(DirectoryTargetTest.APP);
        byte[] original = Files.readAllBytes(jar);

        Summary summary = rewrite(jar, false);

        assertEquals(1, summary.refused().size());
        assertEquals("app.jar!/app/Bad.class", summary.refused().get(0).classFile());
        assertEquals("app/Bad.java:3", summary.refused().get(0).sourcePath() + ":" + summary.refused().get(0).line());
        assertArrayEquals(original, Files.readAllBytes(jar));

        rewrite(jar, true);
        assertTrue(RewriteMark.isMarked(new ClassReader(read(jar, "app/Bad.class"))));
    }

    @Test
    void aSignedJarIsRefusedAndLeftAsItWas() throws Exception {
        Path jar = jar(DirectoryTargetTest.APP, "META-INF/SIGNER.SF", "META-INF/SIGNER.RSA");
        byte[] original = Files.readAllBytes(jar);

        IOException refused = assertThrows(IOException.class, () -> rewrite(jar, true));

        assertTrue(refused.getMessage().contains("is signed (META-INF/SIGNER.SF)"), refused.getMessage());
        assertArrayEquals(original, Files.readAllBytes(jar));
        assertFalse(Files.exists(jar.resolveSibling("app.jar.coro4j.tmp")));
    }

}
