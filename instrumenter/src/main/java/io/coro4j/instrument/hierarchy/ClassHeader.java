package io.coro4j.instrument.hierarchy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a class file from a stream only as far as the end of its header (constant pool, access flags,
 * names of the class, its superclass and interfaces): what the hierarchy needs of most supertypes.
 * Fields, methods and attributes, often half of a class file, are then never inflated from the jar.
 * Every string of a class file is in its constant pool, so the pool alone tells whether the class
 * mentions coro4j; when it does, the caller reads the rest of the stream.
 */
final class ClassHeader {
    private static final int FIRST_READ = 1024;

    /** The bytes read so far: the whole header when {@link #read} answered, maybe more. */
    private byte[] bytes = new byte[FIRST_READ];
    private int length;
    private final InputStream in;

    String name;
    String superName;
    String[] interfaces;
    int access;
    /** Where the constant pool ends. */
    private int poolEnd;
    private boolean complete;

    private ClassHeader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the header of the class file {@code in} serves. When it is not one this reader knows (a
     * constant pool tag it does not know, a truncated or foreign file), the result is not
     * {@link #complete()}: the caller then reads the whole file ({@link #readRest}) and lets ASM judge it.
     */
    static ClassHeader read(InputStream in) throws IOException {
        ClassHeader header = new ClassHeader(in);
        header.complete = header.parse();
        return header;
    }

    /** Whether the header was read whole, and its names are there. */
    boolean complete() {
        return complete;
    }

    /** Whether the constant pool contains {@code text} (Latin-1), as the JDK's intrinsic search does it. */
    boolean poolContains(String text) {
        return new String(bytes, 0, poolEnd, StandardCharsets.ISO_8859_1).indexOf(text) >= 0;
    }

    /** The whole class file: the bytes read so far and the rest of the stream. */
    byte[] readRest() throws IOException {
        byte[] rest = in.readAllBytes();
        byte[] all = Arrays.copyOf(bytes, length + rest.length);
        System.arraycopy(rest, 0, all, length, rest.length);
        return all;
    }

    private boolean parse() throws IOException {
        if (!ensure(10) || u2(0) != 0xCAFE || u2(2) != 0xBABE) {
            return false;
        }
        int count = u2(8);
        int[] offsets = new int[count];
        int at = 10;
        for (int i = 1; i < count; i++) {
            if (!ensure(at + 3)) {
                return false;
            }
            offsets[i] = at;
            switch (bytes[at]) {
                case 1 -> at += 3 + u2(at + 1); // Utf8
                case 7, 8, 16, 19, 20 -> at += 3; // Class, String, MethodType, Module, Package
                case 15 -> at += 4; // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5; // Integer, Float, refs, NameAndType, dynamic
                case 5, 6 -> { // Long, Double: two slots
                    at += 9;
                    i++;
                }
                default -> {
                    return false;
                }
            }
        }
        poolEnd = at;
        if (!ensure(at + 8)) {
            return false;
        }
        access = u2(at);
        int interfaceCount = u2(at + 6);
        if (!ensure(at + 8 + 2 * interfaceCount)) {
            return false;
        }
        name = className(offsets, u2(at + 2));
        superName = u2(at + 4) == 0 ? null : className(offsets, u2(at + 4));
        if (name == null || superName == null && u2(at + 4) != 0) {
            return false;
        }
        interfaces = new String[interfaceCount];
        for (int i = 0; i < interfaceCount; i++) {
            interfaces[i] = className(offsets, u2(at + 8 + 2 * i));
            if (interfaces[i] == null) {
                return false;
            }
        }
        return true;
    }

    /** The name a Class entry points at, or {@code null} if {@code index} is not a Class entry. */
    private String className(int[] offsets, int index) throws IOException {
        if (index <= 0 || index >= offsets.length || offsets[index] == 0 || bytes[offsets[index]] != 7) {
            return null;
        }
        int utf8Index = u2(offsets[index] + 1);
        if (utf8Index <= 0 || utf8Index >= offsets.length || offsets[utf8Index] == 0
                || bytes[offsets[utf8Index]] != 1) {
            return null;
        }
        int at = offsets[utf8Index];
        int utfLength = u2(at + 1);
        for (int i = at + 3; i < at + 3 + utfLength; i++) {
            if (bytes[i] < 0) { // not ASCII: modified UTF-8, which DataInputStream decodes
                return new DataInputStream(new ByteArrayInputStream(bytes, at + 1, utfLength + 2)).readUTF();
            }
        }
        return new String(bytes, at + 3, utfLength, StandardCharsets.ISO_8859_1);
    }

    private int u2(int at) {
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    /** Reads until the first {@code n} bytes are there, in steps of at least 1 KB; false at the stream's end. */
    private boolean ensure(int n) throws IOException {
        if (n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(n, bytes.length * 2));
        }
        while (length < n) {
            int read = in.read(bytes, length, Math.min(bytes.length, Math.max(n, length + FIRST_READ)) - length);
            if (read < 0) {
                return false;
            }
            length += read;
        }
        return true;
    }
}
