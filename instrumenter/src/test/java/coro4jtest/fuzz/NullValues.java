package coro4jtest.fuzz;

import java.util.function.Consumer;

/**
 * Statements that hold values of the null type at suspension points: a local initialized with
 * {@code null} (javac types it null until a merge) live across a suspension, {@code null} literals on
 * the operand stack below a suspending call, and a receiver of the null type whose coroutine call's
 * arguments suspend before the call throws {@code NullPointerException}.
 */
final class NullValues {
    private static final Type[] REFERENCES = {Type.STR, Type.ARR, Type.PAIR};

    private final MethodContext ctx;
    private final Expressions ex;
    private final Consumer<String> line;

    private NullValues(MethodContext ctx, Expressions ex, Consumer<String> line) {
        this.ctx = ctx;
        this.ex = ex;
        this.line = line;
    }

    /** Now and then writes such a statement (one or a few lines) and returns true. */
    static boolean maybe(MethodContext ctx, Expressions ex, Consumer<String> line) {
        if (!ctx.chance(4)) {
            return false;
        }
        new NullValues(ctx, ex, line).statement();
        return true;
    }

    private String tag(String prefix) {
        return "\"" + ctx.fresh(prefix) + "\"";
    }

    private void statement() {
        switch (ctx.rnd.nextInt(3)) {
            case 0: {
                Type type = REFERENCES[ctx.rnd.nextInt(REFERENCES.length)];
                String name = ctx.fresh("nul");
                line.accept(type.java + " " + name + " = null;");
                line.accept("t.i(" + tag("n") + ", " + ex.pause(Type.INT, ctx.between(0, 2)) + ");");
                line.accept("t.o(" + tag("n") + ", " + name + ");");
                break;
            }
            case 1:
                line.accept("t.i(" + tag("n") + ", Wide.between(null, " + ex.expr(Type.INT, ctx.between(1, 2))
                        + ", " + (ctx.chance(50) ? "null" : ex.expr(Type.STR, 1)) + "));");
                break;
            default: {
                String none = ctx.fresh("none");
                String caught = ctx.fresh("e");
                String helper = instanceHelper();
                line.accept("try {");
                if (helper != null) {
                    line.accept("    " + ctx.className + " " + none + " = null;");
                    line.accept("    " + helper.replace("RECEIVER", none) + ";");
                } else {
                    line.accept("    Wide " + none + " = null;");
                    line.accept("    t.i(" + tag("n") + ", " + ex.expr(Type.INT, 1) + " + " + none
                            + ".mixedOn(" + arguments() + "));");
                }
                line.accept("} catch (NullPointerException " + caught + ") {");
                line.accept("    t.o(" + tag("npe") + ", \"npe\");");
                line.accept("}");
                break;
            }
        }
    }

    /** A call of one of the program's instance helpers on {@code RECEIVER}, or null when it has none. */
    private String instanceHelper() {
        if (ctx.inLambda) {
            return null;
        }
        for (Helper h : ctx.helpers) {
            if (h.instance()) {
                StringBuilder call = new StringBuilder("RECEIVER.").append(h.name()).append("(t, d - 1");
                for (Type p : h.params()) {
                    call.append(", ").append(ex.pause(p, ctx.between(0, 1)));
                }
                return call.append(')').toString();
            }
        }
        return null;
    }

    private String arguments() {
        StringBuilder args = new StringBuilder();
        for (Type p : PendingOperands.WIDE_PARAMETERS) {
            args.append(args.length() == 0 ? "" : ", ");
            args.append(p == null ? "null" : ctx.chance(50) ? ex.pause(p, 0) : p.literal(ctx.rnd));
        }
        return args.toString();
    }
}
