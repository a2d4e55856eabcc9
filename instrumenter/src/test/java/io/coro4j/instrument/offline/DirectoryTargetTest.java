package io.coro4j.instrument.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.AsyncCallable;
import io.coro4j.instrument.agent.CoroTransformer;
import io.coro4j.instrument.hierarchy.ClassHierarchy;
import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.pipeline.RewriteMark;
import io.coro4j.instrument.pipeline.TransformOptions;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.InMemoryCompiler;
import io.coro4j.instrument.support.Verification;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

/**
 * The rewrite at build time over a directory of class files, in place, as the Maven plugin runs it:
 * the coroutine classes come out rewritten and marked, and run as the agent's would; a supertype is read
 * from the class path; a refusal names the source file and line; a second run rewrites nothing; and
 * neither a second run nor the agent touches a marked class.
 */
class DirectoryTargetTest {
    /** Sources, so that the line of each method is known: {@code Bad.m} is on line 3. */
    static final Map<String, String> APP = Map.of(
            "app.Lib", "package app;\npublic class Lib {\n"
                    + "    @io.coro4j.Async public static int twice(int x) {"
                    + " io.coro4j.protocol.Suspension.suspend(); return 2 * x; }\n}\n",
            "app.Job", "package app;\npublic class Job implements io.coro4j.AsyncCallable<Integer> {\n"
                    + "    public Integer call() { return Lib.twice(21); }\n}\n",
            "app.Sub", "package app;\npublic class Sub extends lib.Base {\n"
                    + "    public int work() { return Lib.twice(2); }\n}\n",
            "app.Plain", "package app;\npublic class Plain {\n    public int one() { return 1; }\n}\n",
            "app.Bad", "package app;\npublic class Bad {\n"
                    + "    @io.coro4j.Async public synchronized int m() { return Lib.twice(1); }\n}\n");
    /** On the class path only: the supertype whose coroutine method {@code app.Sub} overrides. */
    static final Map<String, String> LIB = Map.of(
            "lib.Base", "package lib;\npublic class Base {\n    @io.coro4j.Async public int work() { return 0; }\n}\n");

    @TempDir
    Path dir;

    Path classes;
    Path lib;

    private void compile() throws IOException {
        classes = dir.resolve("classes");
        lib = dir.resolve("lib");
        Map<String, String> all = new HashMap<>(APP);
        all.putAll(LIB);
        Map<String, byte[]> compiled = InMemoryCompiler.compile(all, 17);
        for (Map.Entry<String, byte[]> entry : compiled.entrySet()) {
            Path root = entry.getKey().startsWith("lib.") ? lib : classes;
            Path file = root.resolve(entry.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
    }

    private Summary run(StalenessFile staleness, boolean keepRefused) throws IOException {
        try (ClassFileRewriter rewriter = new ClassFileRewriter(List.of(classes, lib, runtime()),
                TransformOptions.defaults())) {
            return DirectoryTarget.rewrite(classes, rewriter, staleness, keepRefused);
        }
    }

    /** Where the runtime's classes are: on the class path of any project that uses coro4j. */
    static Path runtime() {
        try {
            return Path.of(AsyncCallable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private byte[] read(String className) throws IOException {
        return Files.readAllBytes(classes.resolve(className.replace('.', '/') + ".class"));
    }

    private Map<String, byte[]> readAll(String... classNames) throws IOException {
        Map<String, byte[]> bytes = new HashMap<>();
        for (String name : classNames) {
            bytes.put(name, read(name));
        }
        return bytes;
    }

    @Test
    void rewritesTheCoroutineClassesInPlaceMarkedAndTheyRunAsUnderTheAgent() throws Exception {
        compile();
        byte[] plain = read("app.Plain");
        byte[] bad = read("app.Bad");

        Summary summary = run(null, false);

        assertEquals(5, summary.classFiles(), summary.toString() + summary.rewrittenMethods());
        assertEquals(3, summary.rewrittenClasses(), summary.toString() + summary.rewrittenMethods()); // Lib, Job, and Sub by its supertype
        assertTrue(summary.rewrittenMethods().contains("app.Sub.work()I"), summary.rewrittenMethods().toString());
        assertTrue(summary.rewrittenMethods().contains("app.Job.call()Ljava/lang/Integer;"),
                summary.rewrittenMethods().toString());
        for (String name : List.of("app.Lib", "app.Job", "app.Sub")) {
            assertTrue(RewriteMark.isMarked(new ClassReader(read(name))), name + " carries the mark");
        }
        assertArrayEquals(plain, read("app.Plain"), "a class without coroutines is left as compiled");
        assertArrayEquals(bad, read("app.Bad"), "a refused class is left as compiled unless asked");

        Map<String, byte[]> rewritten = readAll("app.Lib", "app.Job", "app.Sub", "app.Plain");
        Map<String, byte[]> withLib = new HashMap<>(rewritten);
        withLib.put("lib.Base", Files.readAllBytes(lib.resolve("lib/Base.class")));
        BytesLoader loader = BytesLoader.asCompiled(withLib, Set.of());
        Verification.assertValid(rewritten, loader);
        @SuppressWarnings("unchecked")
        AsyncCallable<Integer> job = (AsyncCallable<Integer>) loader.loadClass("app.Job")
                .getDeclaredConstructor().newInstance();
        Driver.Outcome outcome = Driver.run(job);
        assertNull(outcome.failure);
        assertEquals(42, outcome.result);
        assertEquals(1, outcome.suspensions, "it suspended and resumed once: rewritten, no agent involved");
    }

    @Test
    void aRefusalNamesTheSourceFileAndLine() throws Exception {
        compile();

        Summary summary = run(null, false);

        assertEquals(1, summary.refused().size(), summary.refused().toString());
        Refused refused = summary.refused().get(0);
        assertEquals("app.Bad", refused.className());
        assertEquals("app/Bad.java", refused.sourcePath());
        assertEquals(3, refused.line());
        assertEquals("app/Bad.class", refused.classFile());
        assertTrue(refused.describe().startsWith("app/Bad.java:3: coro4j refused to rewrite coroutine method"
                + " app.Bad.m(Bad.java:3): it is synchronized"), refused.describe());
    }

    @Test
    void keptRefusalsAreWrittenMarkedAndThrowTheirReasonWhenCalled() throws Exception {
        compile();

        Summary summary = run(null, true);

        assertEquals(1, summary.refused().size());
        byte[] bad = read("app.Bad");
        assertTrue(RewriteMark.isMarked(new ClassReader(bad)));
        BytesLoader loader = BytesLoader.asCompiled(readAll("app.Bad", "app.Lib"), Set.of());
        Object instance = loader.loadClass("app.Bad").getDeclaredConstructor().newInstance();
        InvocationTargetException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                InvocationTargetException.class, () -> instance.getClass().getMethod("m").invoke(instance));
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertTrue(thrown.getCause().getMessage().contains("app.Bad.m(Bad.java:3): it is synchronized"),
                thrown.getCause().getMessage());
    }

    @Test
    void aSecondRunRewritesNothingWithOrWithoutTheStalenessFile() throws Exception {
        compile();
        Path state = dir.resolve("target/staleness");
        run(StalenessFile.load(state, "x"), false);
        Map<String, byte[]> first = readAll("app.Lib", "app.Job", "app.Sub", "app.Plain", "app.Bad");

        Summary again = run(StalenessFile.load(state, "x"), false);
        // everything it wrote or let through is skipped unread; the refused class is read (and refused) again
        assertEquals(4, again.unchanged(), again.toString());
        assertEquals(0, again.rewrittenClasses(), again.toString());
        assertEquals(1, again.refused().size(), again.toString());

        Summary unread = run(null, false);
        assertEquals(0, unread.rewrittenClasses(), unread.toString());
        assertEquals(3, unread.alreadyRewritten(), "the mark alone keeps them from a second rewrite");

        Summary otherOptions = run(StalenessFile.load(state, "y"), false);
        assertEquals(0, otherOptions.unchanged(), "a run with other options reads every file again");
        assertEquals(3, otherOptions.alreadyRewritten());

        assertEquals(first.keySet(), readAll("app.Lib", "app.Job", "app.Sub", "app.Plain", "app.Bad").keySet());
        readAll("app.Lib", "app.Job", "app.Sub", "app.Plain", "app.Bad").forEach(
                (name, bytes) -> assertArrayEquals(first.get(name), bytes, name + " changed on a second run"));
    }

    @Test
    void aClassCompiledAgainSinceTheLastRunIsRewrittenAgain() throws Exception {
        compile();
        Path state = dir.resolve("target/staleness");
        run(StalenessFile.load(state, "x"), false);

        Map<String, byte[]> recompiled = InMemoryCompiler.compile(Map.of("app.Lib", APP.get("app.Lib")), 17);
        Path lib = classes.resolve("app/Lib.class");
        Files.write(lib, recompiled.get("app.Lib"));
        Files.setLastModifiedTime(lib, FileTime.fromMillis(Files.getLastModifiedTime(lib).toMillis() + 2000));
        Summary again = run(StalenessFile.load(state, "x"), false);

        assertEquals(1, again.rewrittenClasses(), again.toString());
        assertEquals(List.of("app.Lib.twice(I)I"), again.rewrittenMethods());
        assertTrue(RewriteMark.isMarked(new ClassReader(read("app.Lib"))));
    }

    @Test
    void theAgentLeavesAMarkedClassAsItIs() throws Exception {
        compile();
        run(null, false);
        Map<String, byte[]> rewritten = readAll("app.Lib", "app.Job", "app.Sub");
        BytesLoader loader = BytesLoader.asCompiled(rewritten, Set.of());

        ClassTransformer agentPipeline = new ClassTransformer(new ClassHierarchy());
        for (Map.Entry<String, byte[]> entry : rewritten.entrySet()) {
            assertNull(agentPipeline.transform(entry.getValue(), loader, new ClassTransformer.Report()),
                    entry.getKey());
            assertFalse(agentPipeline.mayInvolveCoroutines(entry.getValue(), loader),
                    "a late attach does not even retransform " + entry.getKey());
            assertNull(new CoroTransformer().transform(loader, entry.getKey().replace('.', '/'), null, null,
                    entry.getValue()), "the agent itself: " + entry.getKey());
        }
    }
}
