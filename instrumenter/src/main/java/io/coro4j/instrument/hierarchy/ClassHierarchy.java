package io.coro4j.instrument.hierarchy;

import io.coro4j.instrument.Names;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Answers "is this a coroutine method?" from class bytes read through the defining loader's
 * resources, never by loading a class (the anchors' agents that loaded classes in the transformer hit
 * circularity errors). Results are cached per loader.
 *
 * <p>Safe for parallel class loading, and it never calls a class loader while it holds a lock: the
 * agent's transformer runs inside {@code defineClass}, often under the loader's own lock, so a lock
 * of ours held across {@code getResourceAsStream} could deadlock against a loader that locks itself
 * there. The caches are concurrent maps filled outside any lock; two threads may read the same class
 * file at once, and the first answer stored wins (both are the same).
 *
 * <p>A method is a coroutine method of class X when its override key (name and parameter types) is in
 * {@link #coroutineKeys(String, ClassLoader) coroutineKeys(X)}: the keys of methods annotated
 * {@code @Async} (or the JUnit extension's {@code @CoroTest}) in X or any supertype, plus the targets of
 * X's bridge methods for such keys, plus X's synthetic accessors ({@code access$NNN}) that forward to such
 * a method.
 */
public final class ClassHierarchy {
    private static final System.Logger LOG = System.getLogger("io.coro4j.agent");

    /**
     * What one class file says about itself. Never changed once made (the cache replaces it instead),
     * but for its coroutine keys, computed once on first use.
     */
    public static final class ClassInfo {
        final String name;
        final String superName;
        final String[] interfaces;
        final boolean isInterface;
        /** Override keys of the methods annotated {@code @Async} (or {@code @CoroTest}, a test's main coroutine) here. */
        final Set<String> annotated;
        /** For bridges and synthetic accessors: override key of the method to the key it forwards to. */
        final Map<String, String> forwards;
        final Set<String> accessors;
        /**
         * Only the header was read: the class file never mentions {@code io/coro4j/}, so no method of it
         * is annotated. Its bridges and accessors matter only when a supertype has coroutine keys; the
         * methods are then read ({@link #keys}).
         */
        final boolean headerOnly;
        /** Computed on first use: the coroutine keys of this class and its supertypes. */
        volatile Set<String> coroutineKeys;

        ClassInfo(String name, String superName, String[] interfaces, boolean isInterface, boolean headerOnly) {
            this(name, superName, interfaces, isInterface, headerOnly, new HashSet<>(), new HashMap<>(),
                    new HashSet<>());
        }

        private ClassInfo(String name, String superName, String[] interfaces, boolean isInterface,
                          boolean headerOnly, Set<String> annotated, Map<String, String> forwards,
                          Set<String> accessors) {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces == null ? new String[0] : interfaces;
            this.isInterface = isInterface;
            this.headerOnly = headerOnly;
            this.annotated = annotated;
            this.forwards = forwards;
            this.accessors = accessors;
        }

        /** This header completed with the methods of {@code full}, the whole class file's reading. */
        ClassInfo completedBy(ClassInfo full) {
            return new ClassInfo(name, superName, interfaces, isInterface, false, annotated, full.forwards,
                    full.accessors);
        }

        public String superName() {
            return superName;
        }

        public String[] interfaces() {
            return interfaces.clone();
        }

        public boolean isInterface() {
            return isInterface;
        }
    }

    private static final ClassInfo MISSING = new ClassInfo("?", null, null, false, false);
    private static final String OBJECT = "java/lang/Object";

    /** The classes read through each loader, the loader held weakly; the bootstrap loader's apart. */
    private final Map<LoaderKey, ConcurrentMap<String, ClassInfo>> byLoader = new ConcurrentHashMap<>();
    private final ReferenceQueue<ClassLoader> collectedLoaders = new ReferenceQueue<>();
    private final ConcurrentMap<String, ClassInfo> bootstrap = new ConcurrentHashMap<>();
    /**
     * The classes that may declare coroutine methods; the others are taken to declare none, and their
     * class files are not read to find out (the agent's include list).
     */
    private final Predicate<String> mayDeclare;

    /** A hierarchy in which any class may declare coroutine methods. */
    public ClassHierarchy() {
        this(name -> true);
    }

    /** A hierarchy in which only the classes {@code mayDeclare} accepts can declare coroutine methods. */
    public ClassHierarchy(Predicate<String> mayDeclare) {
        this.mayDeclare = mayDeclare;
    }

    /** Registers the bytes of a class being transformed, so that it is not read again. */
    public void register(byte[] classFile, ClassLoader loader) {
        ClassInfo info = parse(classFile);
        cache(loader).put(info.name, info);
    }

    /**
     * Remembers the header of a class that the fast path found not to involve coroutines, so that a
     * subclass loaded later finds its supertype here instead of reading and parsing its class file.
     */
    public void rememberPlain(ClassReader header, ClassLoader loader) {
        cache(loader).putIfAbsent(header.getClassName(), headerOnly(header));
    }

    /** Whether {@code owner.name descriptor} (or what a call to it dispatches to) is a coroutine method. */
    public boolean isCoroutineMethod(String owner, String name, String descriptor, ClassLoader loader) {
        if (name.startsWith("<") || Names.isJdk(owner)) {
            return false;
        }
        return coroutineKeys(owner, loader).contains(Names.overrideKey(name, descriptor));
    }

    /** Whether {@code owner} or a supertype declares any coroutine method. */
    public boolean declaresCoroutineMethods(String owner, ClassLoader loader) {
        return !Names.isJdk(owner) && !coroutineKeys(owner, loader).isEmpty();
    }

    /** The override keys of all coroutine methods of {@code owner} and its supertypes. */
    public Set<String> coroutineKeys(String owner, ClassLoader loader) {
        return keys(owner, loader, new HashSet<>());
    }

    /**
     * The nearest common superclass of two classes or array types (internal names), what a
     * {@code ClassWriter} that computes frames asks for, answered from class bytes like everything
     * here. An interface, or a class whose bytes cannot be read, gives {@code java/lang/Object}, which
     * the verifier accepts wherever an interface is expected.
     */
    public String commonSuperClass(String a, String b, ClassLoader loader) {
        if (a.equals(b)) {
            return a;
        }
        if (a.startsWith("[") || b.startsWith("[")) {
            return commonArrayType(a, b, loader);
        }
        List<String> fromA = superclasses(a, loader);
        List<String> fromB = superclasses(b, loader);
        if (fromA == null || fromB == null) {
            return OBJECT;
        }
        for (String candidate : fromB) {
            if (fromA.contains(candidate)) {
                return candidate;
            }
        }
        return OBJECT;
    }

    /**
     * Arrays by hand: arrays of the same depth of classes share the array of their common superclass;
     * otherwise the common type is an array of {@code Object} as deep as both are arrays of
     * references ({@code int[][]} is an {@code Object[]}, {@code int[]} only an {@code Object}).
     */
    private String commonArrayType(String a, String b, ClassLoader loader) {
        Type typeA = Type.getObjectType(a);
        Type typeB = Type.getObjectType(b);
        int depthA = referenceDepth(typeA);
        int depthB = referenceDepth(typeB);
        if (typeA.getSort() == Type.ARRAY && typeB.getSort() == Type.ARRAY
                && typeA.getDimensions() == typeB.getDimensions()
                && typeA.getElementType().getSort() == Type.OBJECT
                && typeB.getElementType().getSort() == Type.OBJECT) {
            String element = commonSuperClass(typeA.getElementType().getInternalName(),
                    typeB.getElementType().getInternalName(), loader);
            return "[".repeat(typeA.getDimensions()) + "L" + element + ";";
        }
        int depth = Math.min(depthA, depthB);
        return depth == 0 ? OBJECT : "[".repeat(depth) + "L" + OBJECT + ";";
    }

    /** How many times a type is an array of references: {@code String[][]} 2, {@code int[][]} 1. */
    private static int referenceDepth(Type type) {
        if (type.getSort() != Type.ARRAY) {
            return 0;
        }
        boolean primitive = type.getElementType().getSort() != Type.OBJECT;
        return type.getDimensions() - (primitive ? 1 : 0);
    }

    /**
     * {@code name} and its superclasses up to {@code java/lang/Object}; {@code null} for an interface or
     * when a class file cannot be read.
     */
    private List<String> superclasses(String name, ClassLoader loader) {
        List<String> chain = new ArrayList<>();
        for (String at = name; at != null; ) {
            ClassInfo info = lookup(at, loader);
            if (info == MISSING || info.isInterface) {
                return null;
            }
            chain.add(at);
            at = info.superName;
        }
        return chain;
    }

    /**
     * The coroutine keys of {@code owner}, computed once per class. {@code visiting} holds the classes
     * on the path from the class asked about (a class file may name itself among its supertypes); a
     * supertype reached twice, through two paths, counts on both.
     */
    private Set<String> keys(String owner, ClassLoader loader, Set<String> visiting) {
        if (Names.isJdk(owner) || !mayDeclare.test(owner) || visiting.contains(owner)) {
            return Collections.emptySet();
        }
        ClassInfo info = lookup(owner, loader);
        if (info == MISSING) {
            return Collections.emptySet();
        }
        Set<String> known = info.coroutineKeys;
        if (known != null) {
            return known;
        }
        visiting.add(owner);
        Set<String> keys = new HashSet<>(info.annotated);
        if (info.superName != null) {
            keys.addAll(keys(info.superName, loader, visiting));
        }
        for (String itf : info.interfaces) {
            keys.addAll(keys(itf, loader, visiting));
        }
        visiting.remove(owner);
        if (info.headerOnly && !keys.isEmpty()) {
            // a supertype has coroutine keys: this class's bridges and accessors count now
            ClassInfo full = read(owner, loader, true);
            ClassInfo completed = info.completedBy(full == MISSING ? info : full);
            cache(loader).replace(owner, info, completed);
            info = completed;
        }
        // bridges forward a coroutine key to their target; accessors are coroutine methods when their
        // target is; repeat until nothing changes (chains are short)
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, String> forward : info.forwards.entrySet()) {
                boolean accessor = info.accessors.contains(forward.getKey());
                if (!accessor && keys.contains(forward.getKey())) {
                    changed |= keys.add(forward.getValue());
                } else if (accessor && keys.contains(forward.getValue())) {
                    changed |= keys.add(forward.getKey());
                }
            }
        }
        Set<String> result = keys.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(keys);
        info.coroutineKeys = result;
        return result;
    }

    /** What the class file of {@code name} says, read through {@code loader} the first time only. */
    private ClassInfo lookup(String name, ClassLoader loader) {
        ConcurrentMap<String, ClassInfo> cache = cache(loader);
        ClassInfo info = cache.get(name);
        if (info == null) {
            info = read(name, loader, false); // no lock held: the loader may take its own
            ClassInfo first = cache.putIfAbsent(name, info);
            if (first != null) {
                info = first;
            }
        }
        return info;
    }

    private ConcurrentMap<String, ClassInfo> cache(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        for (Reference<? extends ClassLoader> gone; (gone = collectedLoaders.poll()) != null; ) {
            byLoader.remove(gone);
        }
        ConcurrentMap<String, ClassInfo> cache = byLoader.get(new LoaderKey(loader, null));
        if (cache == null) {
            ConcurrentMap<String, ClassInfo> fresh = new ConcurrentHashMap<>();
            cache = byLoader.putIfAbsent(new LoaderKey(loader, collectedLoaders), fresh);
            if (cache == null) {
                cache = fresh;
            }
        }
        return cache;
    }

    /**
     * A class loader as a key: held weakly (the cache must not keep a loader alive), compared by
     * identity (a loader's own {@code equals} and {@code hashCode} are not called).
     */
    private static final class LoaderKey extends WeakReference<ClassLoader> {
        private final int hash;

        LoaderKey(ClassLoader loader, ReferenceQueue<ClassLoader> queue) {
            super(loader, queue);
            this.hash = System.identityHashCode(loader);
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            ClassLoader loader = get();
            return other instanceof LoaderKey && loader != null && loader == ((LoaderKey) other).get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Reads the class file of {@code name}: all of it when {@code full} or when it mentions
     * {@code io/coro4j/}, else only its header (most supertypes the fast path asks about).
     */
    private static ClassInfo read(String name, ClassLoader loader, boolean full) {
        String resource = name + ".class";
        ClassLoader from = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = from.getResourceAsStream(resource)) {
            if (in == null) {
                LOG.log(System.Logger.Level.DEBUG, "coro4j: no class file for {0}; assuming it"
                        + " declares no coroutine methods", name);
                return MISSING;
            }
            byte[] bytes = in.readAllBytes();
            if (full) {
                return parse(bytes);
            }
            return mentionsCoro4j(bytes) ? parse(bytes) : headerOnly(new ClassReader(bytes));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "coro4j: cannot read " + resource, e);
            return MISSING;
        }
    }

    private static final String MARKER_TEXT = Names.PACKAGE_PREFIX;

    /**
     * Whether the class file contains {@code io/coro4j/}: every mention of the package (a class, a
     * descriptor, an annotation type) is a string of its constant pool. The bytes are searched as a
     * Latin-1 string, with the JDK's {@code String.indexOf} (compiled and intrinsified long before the
     * agent's own code would be): in a fresh JVM, a loop of ours would run interpreted for the first
     * thousands of classes, and that is where most of the agent's cost at start-up went.
     */
    public static boolean mentionsCoro4j(byte[] classFile) {
        return new String(classFile, StandardCharsets.ISO_8859_1).indexOf(MARKER_TEXT) >= 0;
    }

    private static ClassInfo headerOnly(ClassReader header) {
        return new ClassInfo(header.getClassName(), header.getSuperName(), header.getInterfaces(),
                (header.getAccess() & Opcodes.ACC_INTERFACE) != 0, true);
    }

    static ClassInfo parse(byte[] classFile) {
        ClassInfo[] result = new ClassInfo[1];
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature,
                              String superName, String[] interfaces) {
                result[0] = new ClassInfo(name, superName, interfaces,
                        (access & Opcodes.ACC_INTERFACE) != 0, false);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor,
                                             String signature, String[] exceptions) {
                ClassInfo info = result[0];
                String key = Names.overrideKey(name, descriptor);
                boolean bridge = (access & Opcodes.ACC_BRIDGE) != 0;
                boolean accessor = (access & Opcodes.ACC_SYNTHETIC) != 0
                        && (access & Opcodes.ACC_STATIC) != 0 && name.startsWith("access$");
                if (accessor) {
                    info.accessors.add(key);
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                        // a hand-written leaf is a coroutine method to its callers, @Async or not
                        if (Names.isCoroutineAnnotation(desc) || Names.LEAF_DESC.equals(desc)) {
                            info.annotated.add(key);
                        }
                        return null;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String target,
                                                String targetDescriptor, boolean isInterface) {
                        if ((bridge || accessor) && !target.startsWith("<")) {
                            info.forwards.put(key, Names.overrideKey(target, targetDescriptor));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return result[0];
    }

    /** The supertypes named in a class file's header (for the fast path), without parsing methods. */
    public static List<String> supertypes(ClassReader reader) {
        List<String> names = new ArrayList<>();
        if (reader.getSuperName() != null) {
            names.add(reader.getSuperName());
        }
        Collections.addAll(names, reader.getInterfaces());
        return names;
    }
}
