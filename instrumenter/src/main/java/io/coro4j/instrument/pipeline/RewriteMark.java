package io.coro4j.instrument.pipeline;

import io.coro4j.instrument.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/**
 * The mark of a class the rewriter has processed: the class annotation {@code @io.coro4j.protocol.Rewritten}
 * (RUNTIME retention). {@link ClassTransformer} adds it to every class it writes and lets a class that
 * carries it through untouched, so that a class is rewritten once, whoever comes second: the agent after
 * the Maven plugin or the command line, or a second run of either. The runtime checks it when a task
 * starts.
 *
 * <p>A visible annotation, not a class attribute of our own: the JVM drops unknown attributes and
 * invisible annotations from the bytes it reconstitutes for a retransformation ({@code Coro.install()}
 * attaching to a program rewritten at build time), and the runtime can see only a visible annotation.
 */
public final class RewriteMark {
    private static final byte[] DESCRIPTOR = Names.REWRITTEN_DESC.getBytes(StandardCharsets.US_ASCII);
    private static final int CONSTANT_UTF8 = 1;

    private RewriteMark() {}

    /**
     * Whether the class carries the mark. A look at the constant pool first (a class that never names
     * the annotation type is answered there, without parsing), then at the class's annotations.
     */
    public static boolean isMarked(ClassReader reader) {
        if (!namesTheMark(reader)) {
            return false;
        }
        boolean[] found = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                found[0] |= Names.REWRITTEN_DESC.equals(descriptor);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }

    /** Adds the mark to a class about to be written (once: a class is never marked twice). */
    static void mark(ClassNode type) {
        if (type.visibleAnnotations == null) {
            type.visibleAnnotations = new ArrayList<>();
        }
        for (AnnotationNode annotation : type.visibleAnnotations) {
            if (Names.REWRITTEN_DESC.equals(annotation.desc)) {
                return;
            }
        }
        type.visibleAnnotations.add(new AnnotationNode(Names.REWRITTEN_DESC));
    }

    /** Whether a UTF-8 entry of the constant pool is the annotation's descriptor. */
    private static boolean namesTheMark(ClassReader reader) {
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || reader.readByte(offset - 1) != CONSTANT_UTF8
                    || reader.readUnsignedShort(offset) != DESCRIPTOR.length) {
                continue;
            }
            int at = offset + 2;
            int k = 0;
            while (k < DESCRIPTOR.length && reader.readByte(at + k) == DESCRIPTOR[k]) {
                k++;
            }
            if (k == DESCRIPTOR.length) {
                return true;
            }
        }
        return false;
    }
}
