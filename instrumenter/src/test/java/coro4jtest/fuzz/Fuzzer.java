package coro4jtest.fuzz;

import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.RoundRobin;
import io.coro4j.instrument.support.Verification;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs generated programs twice and compares: once as compiled, with the leaves returning at once
 * ({@code Leaves.direct}), and once rewritten by the agent's transformer, really suspending, several
 * programs interleaved round-robin on one thread. The traces must be equal, and every rewritten class
 * must pass ASM's verifier. Programs are compiled in batches: many programs per class, several
 * classes per javac call.
 */
final class Fuzzer {
    static final String PACKAGE = "coro4jtest.fuzz.gen";
    /** Programs per generated class. */
    static final int PER_CLASS = 60;
    /** Generated classes per javac call. */
    static final int CLASSES_PER_COMPILE = 6;
    /** Programs interleaved on one round-robin driver. */
    static final int LANES = 4;

    private static final Set<String> OWN_COPIES = Set.of(Leaves.class.getName(), Wide.class.getName());

    /** Used by one thread at a time: the one that compiles the next batch. */
    private final InMemoryJavac javac = new InMemoryJavac();
    private final List<String> failures = new ArrayList<>();
    private int programs;
    private long suspensions;
    private int rewrittenClasses;
    private long sourceLines;
    private int threw;
    private int neverSuspended;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** CPU time of javac, and of the rest (rewriting, verifying, running), in their threads. */
    private long compileNanos;
    private long restNanos;

    List<String> failures() {
        return failures;
    }

    String summary() {
        return programs + " programs (" + sourceLines + " lines; CPU time: javac " + compileNanos / 1_000_000
                + " ms, beside it rewriting, verifying and running " + restNanos / 1_000_000 + " ms), "
                + threw + " ending in an exception, " + neverSuspended + " never suspending, "
                + rewrittenClasses + " rewritten classes verified, " + suspensions + " suspensions, "
                + failures.size() + " failures";
    }

    /**
     * Programs {@code from .. from + count - 1} of {@code seed}. The next batch compiles on a thread of
     * its own while this one is rewritten, verified and run: javac takes about half of the time, and
     * the CI machine has two cores.
     */
    void run(long seed, int from, int count) throws Exception {
        int step = PER_CLASS * CLASSES_PER_COMPILE;
        ExecutorService compiler = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fuzz-javac");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Compiled> next = compiler.submit(() -> compile(batch(seed, from, count, from)));
            for (int first = from; first < from + count; first += step) {
                Compiled current = done(next);
                int following = first + step;
                next = following < from + count
                        ? compiler.submit(() -> compile(batch(seed, from, count, following))) : null;
                runCompiled(current);
            }
        } finally {
            compiler.shutdownNow();
        }
    }

    /** The compiled batch, or what its compilation threw (a generator bug, say). */
    private static Compiled done(Future<Compiled> compiling) throws Exception {
        try {
            return compiling.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** The programs of the batch that starts at {@code first}, {@link #PER_CLASS} to a class. */
    private static List<Program> batch(long seed, int from, int count, int first) {
        int step = PER_CLASS * CLASSES_PER_COMPILE;
        List<Program> batch = new ArrayList<>();
        for (int i = first; i < Math.min(first + step, from + count); i++) {
            batch.add(ProgramGenerator.generate(seed, i, "G" + (i - Math.floorMod(i - from, PER_CLASS))));
        }
        return batch;
    }

    /** Program {@code index} of {@code seed} with the programs it shares a driver with: a replay. */
    Program replay(long seed, int index) throws Exception {
        int first = index - Math.floorMod(index, LANES);
        List<Program> batch = new ArrayList<>();
        for (int i = first; i < first + LANES; i++) {
            batch.add(ProgramGenerator.generate(seed, i, "G" + first));
        }
        runCompiled(compile(batch));
        return batch.get(index - first);
    }

    /** A batch of programs and their class files. */
    private record Compiled(List<Program> batch, Map<String, byte[]> classes, long lines, long cpuNanos) {}

    private Compiled compile(List<Program> batch) throws Exception {
        Map<String, StringBuilder> sources = new LinkedHashMap<>();
        for (Program p : batch) {
            sources.computeIfAbsent(PACKAGE + "." + p.className(), n -> new StringBuilder(classHeader(n))).append('\n').append(p.source());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        sources.forEach((name, text) -> texts.put(name, text + "}\n"));
        dump(texts);
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        Map<String, byte[]> classes = javac.compile(texts);
        long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
        if (Boolean.getBoolean("coro4j.fuzz.verbose")) {
            System.out.println("batch of " + batch.size() + " programs compiled in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (" + cpu / 1_000_000 + " ms of CPU)");
        }
        return new Compiled(batch, classes, texts.values().stream().mapToLong(text -> text.lines().count()).sum(),
                cpu);
    }

    private void runCompiled(Compiled compiled) throws Exception {
        List<Program> batch = compiled.batch();
        Map<String, byte[]> classes = compiled.classes();
        compileNanos += compiled.cpuNanos();
        sourceLines += compiled.lines();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        try {
            rewriteAndRun(batch, classes);
        } finally {
            restNanos += CPU.getCurrentThreadCpuTime() - cpuStart;
        }
    }

    private void rewriteAndRun(List<Program> batch, Map<String, byte[]> classes) throws Exception {

        BytesLoader reference = BytesLoader.asCompiled(classes, OWN_COPIES);
        reference.loadClass(Leaves.class.getName()).getField("direct").setBoolean(null, true);
        BytesLoader rewriting = BytesLoader.rewriting(classes, OWN_COPIES);
        for (String name : classes.keySet()) {
            rewriting.loadClass(name);
        }
        for (String name : OWN_COPIES) { // before the verifier, which would load them while it iterates
            rewriting.loadClass(name);
        }
        Set<String> broken = verify(batch, rewriting);
        for (int first = 0; first < batch.size(); first += LANES) {
            List<Program> lanes = batch.subList(first, Math.min(first + LANES, batch.size()));
            if (lanes.stream().noneMatch(p -> broken.contains(p.className()))) {
                runLanes(lanes, reference, rewriting);
            }
            programs += lanes.size();
        }
    }

    /** Writes the generated sources to the folder {@code -Dcoro4j.fuzz.dump} names, if any. */
    private static void dump(Map<String, String> texts) throws java.io.IOException {
        String folder = System.getProperty("coro4j.fuzz.dump");
        if (folder != null) {
            java.nio.file.Path dir = java.nio.file.Path.of(folder, PACKAGE.replace('.', '/'));
            java.nio.file.Files.createDirectories(dir);
            for (Map.Entry<String, String> e : texts.entrySet()) {
                String simple = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
                java.nio.file.Files.writeString(dir.resolve(simple + ".java"), e.getValue());
            }
        }
    }

    /** Runs programs interleaved, rewritten, and compares each with its run as compiled. */
    private void runLanes(List<Program> lanes, BytesLoader reference, BytesLoader rewriting) throws Exception {
        List<String> expected = new ArrayList<>();
        List<Trace> traces = new ArrayList<>();
        List<Callable<?>> bodies = new ArrayList<>();
        for (Program p : lanes) {
            Trace direct = new Trace();
            expected.add(result(direct, thrownBy(entry(reference, p), direct)));
            Trace trace = new Trace();
            Method rewritten = entry(rewriting, p);
            traces.add(trace);
            bodies.add(() -> invoke(rewritten, trace));
        }
        List<RoundRobin.Outcome> outcomes = RoundRobin.run(bodies);
        for (int i = 0; i < lanes.size(); i++) {
            RoundRobin.Outcome outcome = outcomes.get(i);
            suspensions += outcome.suspensions;
            threw += outcome.failure == null ? 0 : 1;
            neverSuspended += outcome.suspensions == 0 ? 1 : 0;
            String actual = result(traces.get(i), outcome.failure);
            if (!actual.equals(expected.get(i))) {
                fail(lanes.get(i), "the rewritten program's result differs from the compiled one's\n"
                        + "  as compiled: " + expected.get(i) + "\n  rewritten:   " + actual
                        + (outcome.failure == null ? "" : "\n" + stackOf(outcome.failure)));
            }
        }
    }

    /**
     * ASM's verifier and then the JVM's (by linking) over every rewritten class; returns the simple
     * names of the classes that failed, whose programs are not run.
     */
    private Set<String> verify(List<Program> batch, BytesLoader rewriting) {
        Set<String> broken = new HashSet<>();
        for (Map.Entry<String, byte[]> entry : rewriting.rewritten().entrySet()) {
            rewrittenClasses++;
            ClassTransformer.Report report = rewriting.report(entry.getKey());
            String problems = Verification.problems(entry.getValue(), rewriting)
                    + (report.refused.isEmpty() ? "" : "refused: " + report.refused);
            if (problems.isEmpty()) {
                try {
                    rewriting.loadClass(entry.getKey()).getDeclaredMethods();
                } catch (LinkageError | ClassNotFoundException e) {
                    problems = "the JVM refused it: " + e;
                }
            }
            if (!problems.isEmpty()) {
                String simple = entry.getKey().substring(entry.getKey().lastIndexOf('.') + 1);
                broken.add(simple);
                String text = problems;
                Program culprit = batch.stream()
                        .filter(p -> p.className().equals(simple))
                        .filter(p -> text.contains(p.entry() + "(") || text.contains(p.entry() + "h"))
                        .findFirst().orElse(null);
                failures.add("rewritten class " + entry.getKey() + " does not verify (or was refused)"
                        + (culprit == null ? "" : "; it names program " + culprit.index() + " of seed "
                        + culprit.seed() + "\n" + replayHint(culprit) + "\n" + culprit.source())
                        + "\n" + problems);
            }
        }
        return broken;
    }

    private void fail(Program p, String what) {
        failures.add("program " + p.index() + " of seed " + p.seed() + ": " + what + "\n" + replayHint(p)
                + "\nsource (in class " + PACKAGE + "." + p.className() + "):\n" + p.source());
    }

    static String replayHint(Program p) {
        return "replay: mvn -o -q -pl instrumenter test -Dtest=FuzzTest -Dcoro4j.fuzz.seed=" + p.seed()
                + " -Dcoro4j.fuzz.program=" + p.index();
    }

    static String classHeader(String qualifiedName) {
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        return "package " + PACKAGE + ";\n\n"
                + "import coro4jtest.fuzz.*;\nimport io.coro4j.Async;\n\n"
                + "@SuppressWarnings(\"all\")\npublic final class " + simple + " {\n"
                + "    final int k;\n    int acc;\n\n"
                + "    " + simple + "(int k) {\n        this.k = k;\n    }\n";
    }

    private static Method entry(ClassLoader loader, Program p) throws Exception {
        return loader.loadClass(PACKAGE + "." + p.className()).getMethod(p.entry(), Trace.class);
    }

    /** Runs the reference copy; returns what it threw, or null. */
    private static Throwable thrownBy(Method m, Trace t) {
        try {
            invoke(m, t);
            return null;
        } catch (Throwable thrown) {
            return thrown;
        }
    }

    private static Object invoke(Method m, Trace t) throws Exception {
        try {
            return m.invoke(null, t);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw (Error) e.getCause();
        }
    }

    private static String result(Trace t, Throwable thrown) {
        return t + (thrown == null ? "" : " | threw " + thrown);
    }

    private static String stackOf(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
