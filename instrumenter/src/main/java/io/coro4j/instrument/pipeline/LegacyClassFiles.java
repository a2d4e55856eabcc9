package io.coro4j.instrument.pipeline;

import io.coro4j.instrument.hierarchy.ClassHierarchy;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;

/**
 * Brings a class file from before Java 6 up to what the rest of the pipeline reads. The rewriter trusts
 * the stack map frames of a class file at merge points (they spare it every common-supertype question),
 * but class files before version 50 have none, and may use {@code JSR}/{@code RET} subroutines (javac
 * before 1.4.2 compiled {@code finally} that way), whose return addresses cannot be saved across a
 * suspension. So, before anything else reads such a class: the subroutines are inlined (ASM's
 * {@link JSRInlinerAdapter}), the frames are computed, with common superclasses answered from class
 * bytes by the {@link ClassHierarchy} (never by loading a class), and the version is raised to 50 so
 * that the JVM reads the frames.
 *
 * <p>It runs for a class of version 49 or older, and for a version 50 class that has subroutines
 * (version 51 forbids them). The fast path has already decided that the class involves coroutines.
 */
final class LegacyClassFiles {
    private final ClassHierarchy hierarchy;

    LegacyClassFiles(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** A reader of the class modernized, or {@code reader} itself when it needs nothing. */
    ClassReader modernize(ClassReader reader, ClassLoader loader) {
        if (!needsModernizing(reader)) {
            return reader;
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return hierarchy.commonSuperClass(a, b, loader);
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                super.visit(Opcodes.V1_6, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new JSRInlinerAdapter(super.visitMethod(access, name, descriptor, signature,
                        exceptions), access, name, descriptor, signature, exceptions);
            }
        }, ClassReader.SKIP_FRAMES);
        return new ClassReader(writer.toByteArray());
    }

    private static boolean needsModernizing(ClassReader reader) {
        int major = reader.readUnsignedShort(6);
        return major < Opcodes.V1_6 || (major == Opcodes.V1_6 && hasSubroutines(reader));
    }

    private static boolean hasSubroutines(ClassReader reader) {
        boolean[] found = new boolean[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        found[0] |= opcode == Opcodes.JSR;
                    }

                    @Override
                    public void visitVarInsn(int opcode, int var) {
                        found[0] |= opcode == Opcodes.RET;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
