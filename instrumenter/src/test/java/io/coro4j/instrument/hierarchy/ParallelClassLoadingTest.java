package io.coro4j.instrument.hierarchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.coro4j.instrument.pipeline.ClassTransformer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Issue 10 item 5: the hierarchy never calls a class loader while it holds a lock of its own, and
 * answers right when many threads load classes through many loaders at once. The agent's transformer
 * runs inside {@code defineClass}, often under the loader's own lock; a loader that also locks itself
 * to serve resources deadlocked against a hierarchy that read class files under one global monitor:
 * a thread loading through that loader held the loader and waited for the hierarchy, while a thread
 * loading through a child loader held the hierarchy and asked the parent for a resource.
 */
class ParallelClassLoadingTest {
    private static final int BASES = 400;
    private static final int SUBS_PER_CHILD = 900;
    private static final int CHILDREN = 3;
    private static final int THREADS = 8;
    private static final String ASYNC = "Lio/coro4j/Async;";

    @Test
    void eightThreadsLoadThousandsOfClassesThroughSeveralLoadersWithoutDeadlockOrWrongAnswers() {
        ClassTransformer transformer = new ClassTransformer(new ClassHierarchy());
        Map<String, Boolean> expectCoroutine = new ConcurrentHashMap<>();
        SelfLockingLoader parent = new SelfLockingLoader(transformer);
        for (int i = 0; i < BASES; i++) {
            parent.classes.put(base(i), baseClass(i));
            expectCoroutine.put(base(i), isCoroutineBase(i));
        }
        List<ChildLoader> children = new ArrayList<>();
        for (int c = 0; c < CHILDREN; c++) {
            ChildLoader child = new ChildLoader(parent, transformer);
            for (int i = 0; i < SUBS_PER_CHILD; i++) {
                int superIndex = (i * 7 + c) % BASES;
                child.classes.put(sub(c, i), subClass(c, i, superIndex));
                expectCoroutine.put(sub(c, i), isCoroutineBase(superIndex));
            }
            children.add(child);
        }

        // two threads load the parent's classes (under its lock), six load the children's, each child
        // by two threads, in different orders
        List<Runnable> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int first = t;
            work.add(() -> {
                for (int i = first; i < BASES; i += 2) {
                    load(parent, base(BASES - 1 - i));
                }
            });
        }
        for (int t = 0; t < THREADS - 2; t++) {
            ChildLoader child = children.get(t % CHILDREN);
            int c = t % CHILDREN;
            boolean forward = t < CHILDREN;
            work.add(() -> {
                for (int k = 0; k < SUBS_PER_CHILD; k++) {
                    load(child, sub(c, forward ? k : SUBS_PER_CHILD - 1 - k));
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "loader");
            thread.setDaemon(true); // a deadlocked thread must not keep the test JVM alive
            return thread;
        });
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                List<Future<?>> done = new ArrayList<>();
                for (Runnable r : work) {
                    done.add(pool.submit(r));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }, "class loading deadlocked (or took over 60 s)");
        } finally {
            pool.shutdownNow();
        }

        assertEquals(BASES + CHILDREN * SUBS_PER_CHILD, parent.defined.get()
                + children.stream().mapToInt(c -> c.defined.get()).sum());
        List<String> wrong = new ArrayList<>();
        List<TransformingLoader> loaders = new ArrayList<>(children);
        loaders.add(parent);
        for (TransformingLoader loader : loaders) {
            loader.rewrittenRun.forEach((name, rewritten) -> {
                if (rewritten != expectCoroutine.get(name)) {
                    wrong.add(name + (rewritten ? " was rewritten" : " was not rewritten"));
                }
            });
        }
        assertEquals(List.of(), wrong);
    }

    private static void load(ClassLoader loader, String internalName) {
        try {
            Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base(int i) {
        return "gen/parallel/Base" + i;
    }

    private static String sub(int child, int i) {
        return "gen/parallel/c" + child + "/Sub" + i;
    }

    /** Chains of five: Base0 <- Base1 <- ... <- Base4, Base5 <- ...; every other chain is @Async. */
    private static boolean isCoroutineBase(int i) {
        return (i / 5) % 2 == 0;
    }

    /** {@code run()I}: the head of a chain declares it ({@code @Async} or not), the others override it. */
    private static byte[] baseClass(int i) {
        boolean head = i % 5 == 0;
        String superName = head ? "java/lang/Object" : base(i - 1);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, base(i), null, superName, null);
        constructor(cw, superName);
        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "()I", null, null);
        if (head && isCoroutineBase(i)) {
            run.visitAnnotation(ASYNC, true).visitEnd();
        }
        run.visitCode();
        if (head) {
            run.visitInsn(Opcodes.ICONST_1);
        } else {
            run.visitVarInsn(Opcodes.ALOAD, 0);
            run.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "run", "()I", false);
            run.visitInsn(Opcodes.ICONST_1);
            run.visitInsn(Opcodes.IADD);
        }
        run.visitInsn(Opcodes.IRETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static byte[] subClass(int child, int i, int superIndex) {
        String superName = base(superIndex);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, sub(child, i), null, superName, null);
        constructor(cw, superName);
        MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "()I", null, null);
        run.visitCode();
        run.visitVarInsn(Opcodes.ALOAD, 0);
        run.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "run", "()I", false);
        run.visitInsn(Opcodes.ICONST_2);
        run.visitInsn(Opcodes.IMUL);
        run.visitInsn(Opcodes.IRETURN);
        run.visitMaxs(0, 0);
        run.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void constructor(ClassWriter cw, String superName) {
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /** Defines its classes through the transformer, as the agent would, and serves them as resources. */
    private abstract static class TransformingLoader extends ClassLoader {
        final Map<String, byte[]> classes = new ConcurrentHashMap<>();
        final Map<String, Boolean> rewrittenRun = new ConcurrentHashMap<>();
        final AtomicInteger defined = new AtomicInteger();
        private final ClassTransformer transformer;

        TransformingLoader(ClassLoader parent, ClassTransformer transformer) {
            super(parent);
            this.transformer = transformer;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String internalName = name.replace('.', '/');
            byte[] original = classes.get(internalName);
            if (original == null) {
                throw new ClassNotFoundException(name);
            }
            ClassTransformer.Report report = new ClassTransformer.Report();
            byte[] result = transformer.transform(original, this, report);
            rewrittenRun.put(internalName, report.rewritten.contains("run()I"));
            byte[] bytes = result != null ? result : original;
            defined.incrementAndGet();
            return defineClass(name, bytes, 0, bytes.length);
        }

        InputStream own(String resource) {
            byte[] bytes = resource.endsWith(".class")
                    ? classes.get(resource.substring(0, resource.length() - ".class".length())) : null;
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        }
    }

    /**
     * Not parallel capable: {@code loadClass} holds this loader's lock, and so does
     * {@code getResourceAsStream} (as some application servers' loaders do).
     */
    private static final class SelfLockingLoader extends TransformingLoader {
        SelfLockingLoader(ClassTransformer transformer) {
            super(ParallelClassLoadingTest.class.getClassLoader(), transformer);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            synchronized (this) {
                InputStream own = own(name);
                return own != null ? own : getParent().getResourceAsStream(name);
            }
        }
    }

    /** Asks its parent for a resource first, as loaders do. */
    private static final class ChildLoader extends TransformingLoader {
        ChildLoader(ClassLoader parent, ClassTransformer transformer) {
            super(parent, transformer);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            InputStream fromParent = getParent().getResourceAsStream(name);
            return fromParent != null ? fromParent : own(name);
        }
    }
}
