package io.coro4j.instrument.offline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the classes of a jar in place: a new jar is written beside it, entry by entry in the same
 * order (the manifest stays first), and moved over it at the end, only when a class changed. Entries
 * other than rewritten classes are copied as they were, each with its own compression method (a
 * stored entry stays stored: nested jars of an executable jar must). Multi-release entries
 * ({@code META-INF/versions/N/...}) are class files like the others.
 *
 * <p>A signed jar is refused: rewriting a class breaks its signature. Rewrite the classes before signing.
 */
public final class JarTarget {
    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)");

    private JarTarget() {}

    /**
     * @param keepRefused as for {@link DirectoryTarget#rewrite}: whether a class with refused methods is
     *     written; when false the jar is not replaced at all if anything was refused
     */
    public static Summary rewrite(Path jar, ClassFileRewriter rewriter, boolean keepRefused) throws IOException {
        Summary summary = new Summary(jar.toString());
        Path temporary = jar.resolveSibling(jar.getFileName() + ".coro4j.tmp");
        boolean changed = false;
        try (ZipFile in = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temporary))) {
            refuseSigned(jar, in);
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream stream = in.getInputStream(entry)) {
                    bytes = stream.readAllBytes();
                }
                byte[] written = bytes;
                if (isClassFile(entry)) {
                    String name = jar.getFileName() + "!/" + entry.getName();
                    ClassFileRewriter.Result result = rewriter.rewrite(name, bytes);
                    boolean keep = keepRefused || result.refused().isEmpty();
                    summary.add(name, className(entry.getName()), result, keep);
                    if (result.bytes() != null && keep) {
                        written = result.bytes();
                        changed = true;
                    }
                }
                copy(entry, written, out);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        boolean refused = !summary.refused().isEmpty();
        if (changed && (keepRefused || !refused)) {
            Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.delete(temporary);
        }
        return summary;
    }

    private static void refuseSigned(Path jar, ZipFile in) throws IOException {
        for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            if (SIGNATURE.matcher(name.toUpperCase(Locale.ROOT)).matches()) {
                throw new IOException(jar + " is signed (" + name + "): rewriting its classes would break"
                        + " the signature. Rewrite the classes before the jar is signed");
            }
        }
    }

    private static boolean isClassFile(ZipEntry entry) {
        String name = entry.getName();
        return !entry.isDirectory() && name.endsWith(".class") && !name.endsWith("module-info.class");
    }

    private static String className(String entryName) {
        String name = entryName;
        if (name.startsWith("META-INF/versions/")) { // META-INF/versions/17/pkg/Cls.class
            int slash = name.indexOf('/', "META-INF/versions/".length());
            name = slash < 0 ? name : name.substring(slash + 1);
        }
        return DirectoryTarget.className(name);
    }

    /** Writes the entry with its name, time, comment, extra field and method (a stored one with its CRC). */
    private static void copy(ZipEntry entry, byte[] bytes, ZipOutputStream out) throws IOException {
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        copy.setComment(entry.getComment());
        copy.setExtra(entry.getExtra());
        copy.setMethod(entry.getMethod());
        if (entry.getMethod() == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            copy.setSize(bytes.length);
            copy.setCompressedSize(bytes.length);
            copy.setCrc(crc.getValue());
        }
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
    }
}
