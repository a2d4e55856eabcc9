package coro4jtest.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates one random coroutine program: an entry method and up to three helper methods, all
 * {@code @Async}, static or instance, that call each other (recursion included) one level deeper
 * each time ({@code d - 1}), until {@code d} reaches zero or the trace's fuel runs out.
 *
 * <p>Program {@code index} of {@code seed} depends on nothing else, so it can be regenerated alone.
 */
final class ProgramGenerator {
    private ProgramGenerator() {}

    static Program generate(long seed, int index, String className) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L);
        String prefix = "p" + index;
        List<Helper> helpers = new ArrayList<>();
        int count = rnd.nextInt(4);
        for (int k = 0; k < count; k++) {
            List<Type> params = new ArrayList<>();
            int arity = rnd.nextInt(4);
            for (int a = 0; a < arity; a++) {
                params.add(Type.any(rnd));
            }
            Type result = rnd.nextInt(5) == 0 ? null : Type.any(rnd);
            helpers.add(new Helper(prefix + "h" + k, result, params, rnd.nextInt(3) == 0));
        }
        StringBuilder out = new StringBuilder();
        out.append("    // program ").append(index).append(" of seed ").append(seed).append('\n');
        out.append("    @Async\n    public static void ").append(prefix).append("(Trace t) {\n");
        MethodContext entry = new MethodContext(rnd, className, helpers, false, null);
        entry.scope.declare("d", Type.INT, false);
        out.append("        int d = ").append(2 + rnd.nextInt(2)).append(";\n");
        body(entry, out, 10 + rnd.nextInt(12));
        out.append("    }\n");
        for (Helper h : helpers) {
            helper(rnd, className, helpers, h, out);
        }
        return new Program(seed, index, className, prefix, out.toString());
    }

    private static void helper(Random rnd, String className, List<Helper> helpers, Helper h, StringBuilder out) {
        MethodContext ctx = new MethodContext(rnd, className, helpers, h.instance(), h.result());
        out.append("\n    @Async\n    ").append(h.instance() ? "" : "static ")
                .append(h.result() == null ? "void" : h.result().java).append(' ').append(h.name())
                .append("(Trace t, int d");
        for (int a = 0; a < h.params().size(); a++) {
            Type p = h.params().get(a);
            out.append(", ").append(p.java).append(" a").append(a);
            ctx.scope.declare("a" + a, p, true);
        }
        out.append(") {\n");
        out.append("        if (d <= 0 || t.tired()) {\n            return")
                .append(h.result() == null ? "" : " " + h.result().literal(rnd)).append(";\n        }\n");
        body(ctx, out, 5 + rnd.nextInt(8));
        if (h.result() != null) {
            out.append("        return ").append(new Expressions(ctx).expr(h.result(), 2)).append(";\n");
        }
        out.append("    }\n");
    }

    private static void body(MethodContext ctx, StringBuilder out, int budget) {
        new Statements(ctx, new Expressions(ctx), out, budget).statements(budget, 3);
    }
}
