package coro4jtest.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.pipeline.ClassTransformer;
import io.coro4j.instrument.support.BytesLoader;
import io.coro4j.instrument.support.InMemoryCompiler;
import io.coro4j.instrument.support.RoundRobin;
import io.coro4j.instrument.support.Verification;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Expressions with many suspending operands pending on the operand stack at once: a string
 * concatenation, a call with as many arguments as the JVM allows (null literals among them), and
 * a nested arithmetic expression of every numeric type, each with 50 to 500 operands. Each method
 * runs rewritten, suspending at every operand, some resumes delivering an exception, and must give
 * what it gives as compiled; and the code the rewrite adds per suspension point must not grow with
 * the number of operands (it did: each site saved and restored everything pending under it, so these
 * methods were refused as too large after rewriting from about 150 operands).
 */
class ManySuspendingOperandsTest {
    private static final String PACKAGE = "coro4jtest.scale.gen";
    private static final Set<String> OWN_COPIES = Set.of(Operands.class.getName());
    /** The code the rewrite adds per suspension point, in bytes, whatever the number of operands. */
    private static final int MAX_BYTES_PER_POINT = 80;

    /**
     * The shapes: three expressions, and statements in a row (each suspension point's frame small, but
     * many of them, so that blocks of their own for each would pass the JVM's limit).
     */
    enum Shape { CONCATENATION, CALL, NESTED_ARITHMETIC, STATEMENTS }

    private static final Map<Shape, int[]> SIZES = Map.of(
            Shape.CONCATENATION, new int[] {50, 100, 200, 350, 500},
            // a call passes at most 255 slots, the receiver's included
            Shape.CALL, new int[] {50, 100, 150, 200, 250},
            Shape.NESTED_ARITHMETIC, new int[] {50, 100, 200, 350, 500},
            Shape.STATEMENTS, new int[] {50, 100, 200, 350, 500});

    private static Map<String, byte[]> compiled;
    private static BytesLoader reference;
    private static BytesLoader rewriting;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            for (int n : SIZES.get(shape)) {
                cases.add(Arguments.of(shape, n));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    static void compile() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        cases().forEach(c -> {
            Shape shape = (Shape) c.get()[0];
            int n = (Integer) c.get()[1];
            sources.put(PACKAGE + "." + className(shape, n), source(shape, n));
        });
        // javac walks a nested expression recursively: give it a deep stack
        AtomicReference<Map<String, byte[]>> out = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread javac = new Thread(null, () -> {
            try {
                out.set(InMemoryCompiler.compile(sources, 17, Operands.class));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "javac", 512L << 20);
        javac.start();
        javac.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        compiled = out.get();
        reference = BytesLoader.asCompiled(compiled, OWN_COPIES);
        reference.loadClass(Operands.class.getName()).getField("direct").setBoolean(null, true);
        rewriting = BytesLoader.rewriting(compiled, OWN_COPIES);
    }

    @ParameterizedTest(name = "{0} of {1} operands")
    @MethodSource("cases")
    void rewrittenRunsAsCompiledSuspendingAtEveryOperand(Shape shape, int n) throws Exception {
        assertRunsAsCompiled(reference, rewriting, PACKAGE + "." + className(shape, n), n);
    }

    @Test
    void classFilesBeforeVersion51ShareTheirSavesWithTheSiteInLocals() throws Exception {
        // no invokedynamic: a site's location and callee key reach the shared saveFrame in locals
        int n = 60;
        Map<String, String> sources = new LinkedHashMap<>();
        for (Shape shape : List.of(Shape.CALL, Shape.NESTED_ARITHMETIC)) {
            sources.put(PACKAGE + "." + className(shape, n), source(shape, n));
        }
        Map<String, byte[]> legacy = InMemoryCompiler.asJava5(InMemoryCompiler.compile(sources, 8, Operands.class));
        BytesLoader asCompiled = BytesLoader.asCompiled(legacy, OWN_COPIES);
        asCompiled.loadClass(Operands.class.getName()).getField("direct").setBoolean(null, true);
        BytesLoader rewritten = BytesLoader.rewriting(legacy, OWN_COPIES);
        for (String name : sources.keySet()) {
            assertRunsAsCompiled(asCompiled, rewritten, name, n);
            ClassNode type = new ClassNode();
            new ClassReader(rewritten.rewritten().get(name)).accept(type, 0);
            MethodNode run = type.methods.stream().filter(m -> m.name.equals("run")).findFirst().orElseThrow();
            assertTrue(java.util.stream.StreamSupport.stream(run.instructions.spliterator(), false).anyMatch(insn ->
                    insn instanceof MethodInsnNode && ((MethodInsnNode) insn).name.equals("saveFrame")
                    && ((MethodInsnNode) insn).desc.startsWith("(ILjava/lang/String;")
                    && insn.getPrevious().getPrevious().getOpcode() == Opcodes.ALOAD), name);
        }
    }

    /**
     * Runs {@code name}'s {@code run()} as compiled and rewritten, suspending at every operand, and
     * compares; the rewritten class must verify and nothing in it be refused.
     */
    private static void assertRunsAsCompiled(BytesLoader asCompiled, BytesLoader rewritingLoader, String name,
                                             int n) throws Exception {
        Object expected = invoke(asCompiled.loadClass(name).getMethod("run"));

        Method rewritten = rewritingLoader.loadClass(name).getMethod("run");
        ClassTransformer.Report report = rewritingLoader.report(name);
        assertEquals(List.of(), report.refused);
        assertEquals("", Verification.problems(rewritingLoader.rewritten().get(name), rewritingLoader));
        RoundRobin.Outcome outcome = RoundRobin.run(List.of(() -> invoke(rewritten))).get(0);

        assertNull(outcome.failure, () -> String.valueOf(outcome.failure));
        assertEquals(expected, outcome.result);
        // every operand of the first and third rounds, and up to the failing one in the others
        assertEquals(n + (n / 2 + 1) + n + 1, outcome.suspensions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void codeAddedPerSuspensionPointDoesNotGrowWithTheOperands(Shape shape) throws Exception {
        StringBuilder table = new StringBuilder(shape + ": bytes added per suspension point:");
        List<Double> perPoint = new ArrayList<>();
        for (int n : SIZES.get(shape)) {
            String name = PACKAGE + "." + className(shape, n);
            rewriting.loadClass(name);
            int before = codeLength(compiled.get(name), "run");
            int after = codeLength(rewriting.rewritten().get(name), "run");
            perPoint.add((after - before) / (double) n);
            table.append(String.format(" %d operands %d -> %d bytes (%.1f; class file %d -> %d);", n, before,
                    after, perPoint.get(perPoint.size() - 1), compiled.get(name).length,
                    rewriting.rewritten().get(name).length));
        }
        System.out.println(table);
        for (double bytes : perPoint) {
            assertTrue(bytes <= MAX_BYTES_PER_POINT, table::toString);
        }
        // linear: a fixed part spread over more points, so never more per point for more operands
        assertTrue(perPoint.get(perPoint.size() - 1) <= perPoint.get(0) + 1, table::toString);
    }

    static Stream<Shape> shapes() {
        return Stream.of(Shape.values());
    }

    @Test
    void theConcatenationAndTheCallOfTheIssueAreRewritten() throws Exception {
        // 200 suspending calls concatenated, and a call whose 100 arguments each suspend
        for (String name : List.of(className(Shape.CONCATENATION, 200), className(Shape.CALL, 100))) {
            rewriting.loadClass(PACKAGE + "." + name);
            assertEquals(List.of("run()Ljava/lang/String;"), rewriting.report(PACKAGE + "." + name).rewritten);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // the generated methods
    // ------------------------------------------------------------------------------------------------

    private static String className(Shape shape, int n) {
        return shape.name().charAt(0) + shape.name().substring(1).toLowerCase().replace("_", "") + n;
    }

    /** The types of the operands in turn, by the name of their {@link Operands} method. */
    private static final String CONCATENATED = "sijdnfzc";
    private static final String ARGUMENTS = "isjdfnzc";
    private static final String NUMERIC = "jdifc";

    /**
     * A class whose {@code run()} evaluates the expression (or runs the statements) four times: every
     * operand suspending, then with the middle, last and first operand's resume throwing.
     */
    private static String source(Shape shape, int n) {
        String simple = className(shape, n);
        StringBuilder statements = new StringBuilder();
        StringBuilder expression = new StringBuilder();
        StringBuilder extra = new StringBuilder();
        switch (shape) {
            case CONCATENATION:
                expression.append("\"\"");
                for (int k = 0; k < n; k++) {
                    expression.append(" + ").append(operand(CONCATENATED.charAt(k % CONCATENATED.length()), k));
                }
                break;
            case CALL: {
                StringBuilder params = new StringBuilder();
                StringBuilder body = new StringBuilder("new StringBuilder()");
                int slots = 1; // the receiver
                int p = 0;
                for (int k = 0; k < n; k++) {
                    if (k % 5 == 4 && slots + 1 + (n - k) <= 255) { // a null literal: the null type
                        expression.append(p == 0 ? "" : ", ").append("null");
                        params.append(p == 0 ? "" : ", ").append("Object a").append(p);
                        body.append(".append(a").append(p++).append(')');
                        slots++;
                    }
                    char type = ARGUMENTS.charAt(k % ARGUMENTS.length());
                    int size = type == 'j' || type == 'd' ? 2 : 1;
                    if (slots + size + (n - k - 1) > 255) {
                        type = 'i';
                        size = 1;
                    }
                    slots += size;
                    expression.append(p == 0 ? "" : ", ").append(operand(type, k));
                    params.append(p == 0 ? "" : ", ").append(javaType(type)).append(" a").append(p);
                    body.append(".append(a").append(p++).append(").append(',')");
                }
                expression.insert(0, "new " + simple + "().take(").append(')');
                extra.append("    String take(").append(params).append(") {\n        return ")
                        .append(body).append(".toString();\n    }\n");
                break;
            }
            case STATEMENTS: {
                // four locals of the try block, each updated in turn by a suspending operand
                String[] locals = {"int a0 = 1", "long a1 = 2", "double a2 = 3", "String a3 = \"s\""};
                for (String local : locals) {
                    statements.append("                ").append(local).append(";\n");
                }
                for (int k = 0; k < n; k++) {
                    statements.append("                a").append(k % 4).append(" += ")
                            .append(operand("ijds".charAt(k % 4), k)).append(";\n");
                }
                expression.append("a0 + \",\" + a1 + \",\" + a2 + \",\" + a3");
                break;
            }
            default: {
                String ops = "+-*";
                for (int k = 0; k < n; k++) {
                    expression.append(k == 0 ? "" : " " + ops.charAt(k % 3) + " (")
                            .append(operand(NUMERIC.charAt(k % NUMERIC.length()), k));
                }
                expression.append(")".repeat(n - 1));
                break;
            }
        }
        return "package " + PACKAGE + ";\n\n"
                + "import coro4jtest.scale.OperandFailed;\nimport coro4jtest.scale.Operands;\n"
                + "import io.coro4j.Async;\n\n"
                + "public final class " + simple + " {\n"
                + "    @Async\n    public static String run() {\n"
                + "        long wide = 1L << 40;\n        double half = 0.5;\n        Object none = null;\n"
                + "        StringBuilder out = new StringBuilder();\n"
                + "        int[] failing = {-1, " + n / 2 + ", " + (n - 1) + ", 0};\n"
                + "        for (int round = 0; round < failing.length; round++) {\n"
                + "            Operands.failAt = failing[round];\n"
                + "            try {\n"
                + statements
                + "                out.append(" + expression + ").append('|');\n"
                + "            } catch (OperandFailed e) {\n"
                + "                out.append(\"failed at \").append(e.operand).append('|');\n"
                + "            }\n"
                + "        }\n"
                + "        return out.append(wide).append(half).append(none).toString();\n"
                + "    }\n\n"
                + extra
                + "}\n";
    }

    private static String operand(char type, int k) {
        return "Operands." + type + "(" + k + ")";
    }

    private static String javaType(char type) {
        switch (type) {
            case 'i':
                return "int";
            case 'j':
                return "long";
            case 'd':
                return "double";
            case 'f':
                return "float";
            case 'z':
                return "boolean";
            case 'c':
                return "char";
            case 's':
                return "String";
            default:
                return "Object";
        }
    }

    // ------------------------------------------------------------------------------------------------
    // running and measuring
    // ------------------------------------------------------------------------------------------------

    private static Object invoke(Method method) throws Exception {
        try {
            return method.invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw (Error) e.getCause();
        }
    }

    /** The length in bytes of the code of {@code method} (the first of that name) in a class file. */
    static int codeLength(byte[] classFile, String method) {
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        int u = reader.header + 6; // access, this, super
        u += 2 + 2 * reader.readUnsignedShort(u); // interfaces
        for (int members = 0; members < 2; members++) { // fields, then methods
            int count = reader.readUnsignedShort(u);
            u += 2;
            for (int i = 0; i < count; i++) {
                String name = reader.readUTF8(u + 2, buffer);
                int attributes = reader.readUnsignedShort(u + 6);
                u += 8;
                for (int a = 0; a < attributes; a++) {
                    String attribute = reader.readUTF8(u, buffer);
                    int length = reader.readInt(u + 2);
                    if (members == 1 && name.equals(method) && attribute.equals("Code")) {
                        return reader.readInt(u + 10); // after max_stack and max_locals
                    }
                    u += 6 + length;
                }
            }
        }
        throw new AssertionError("no method " + method);
    }
}
