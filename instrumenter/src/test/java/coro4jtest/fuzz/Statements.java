package coro4jtest.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes random statements: locals, assignments, recorded values, if/else, bounded loops of every
 * kind (labelled too) with guarded break/continue, switch statements with fall-through,
 * try/catch/finally with exceptions thrown on purpose (some right after a resume), guarded returns
 * and calls of the program's other methods.
 *
 * <p>Every jump out of a block is guarded by an {@code if}, so no statement is ever unreachable, and
 * every loop runs at most a few times.
 */
final class Statements {
    private static final String[][] CATCHES = {
        {"GenException"}, {"OtherException"}, {"GenException | OtherException"},
        {"GenException", "OtherException"}, {"OtherException", "RuntimeException"}, {"RuntimeException"},
    };

    private final MethodContext ctx;
    private final Expressions ex;
    private final StringBuilder out;
    private int indent = 2;
    /** Statements left for this method: keeps programs small whatever the nesting. */
    private int budget;

    Statements(MethodContext ctx, Expressions ex, StringBuilder out, int budget) {
        this.ctx = ctx;
        this.ex = ex;
        this.out = out;
        this.budget = budget;
    }

    /**
     * Up to {@code count} statements (at least one), nested at most {@code depth} levels, in the
     * current block.
     */
    void statements(int count, int depth) {
        for (int i = 0; i < count && (i == 0 || budget > 0); i++) {
            budget--;
            statement(budget > 0 ? depth : 0);
        }
    }

    private String e(Type type) {
        return ex.expr(type, ctx.chance(20) ? 3 : ctx.between(1, 2));
    }

    /** The statement that records {@code value} in the trace, under a fresh tag. */
    private String record(String tag, Type type, String value) {
        return "t." + type.recorder + "(\"" + ctx.fresh(tag) + "\", " + value + ");";
    }

    private void line(String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private void block(String head, int count, int depth) {
        line(head + " {");
        indent++;
        ctx.scope.open();
        statements(count, depth);
        ctx.scope.close();
        indent--;
    }

    private void statement(int depth) {
        if (ctx.chance(4)) {
            extraShape(depth);
            return;
        }
        if (NullValues.maybe(ctx, ex, this::line)) {
            return;
        }
        int pick = ctx.rnd.nextInt(depth > 0 ? 100 : 55);
        if (pick < 12) {
            declare();
        } else if (pick < 21) {
            assign();
        } else if (pick < 32) {
            Type type = Type.any(ctx.rnd);
            line(record("r", type, e(type)));
        } else if (pick < 35) {
            line("Leaves.tick();");
        } else if (pick < 39) {
            callStatement();
        } else if (pick < 44) {
            jump();
        } else if (pick < 49) {
            throwing();
        } else if (pick < 55) {
            arrayOrFieldStore();
        } else if (pick < 64) {
            ifElse(depth - 1);
        } else if (pick < 75) {
            loop(depth - 1);
        } else if (pick < 82) {
            switchStatement(depth - 1);
        } else if (pick < 96) {
            tryStatement(depth - 1);
        } else {
            block("", ctx.between(1, 3), depth - 1);
            line("}");
        }
    }

    /** The shapes that classes of their own write: synchronized blocks, switches in {@code new}. */
    private void extraShape(int depth) {
        List<String> lines = depth > 0 && ctx.chance(50)
                ? new SynchronizedStatements(ctx, ex).write(depth - 1)
                : new SwitchInNewStatements(ctx, ex).write();
        lines.forEach(this::line);
    }

    private void declare() {
        Type type = Type.any(ctx.rnd);
        String name = ctx.fresh("v");
        line(type.java + " " + name + " = " + e(type) + ";");
        ctx.scope.declare(name, type, true);
    }

    private void assign() {
        Type type = Type.any(ctx.rnd);
        Scope.Var v = ctx.scope.pick(ctx.rnd, type, true);
        if (v == null) {
            declare();
        } else if (type.compoundable() && ctx.chance(50)) {
            line(v.name() + (type == Type.STR || ctx.chance(60) ? " += " : " -= ") + e(type) + ";");
        } else if (type == Type.BOOL && ctx.chance(40)) {
            line(v.name() + " &= " + e(type) + ";");
        } else {
            line(v.name() + " = " + e(type) + ";");
        }
    }

    private void arrayOrFieldStore() {
        Scope.Var arr = ctx.scope.pick(ctx.rnd, Type.ARR, false);
        if (arr != null) {
            String index = "[Leaves.mod(" + e(Type.INT) + ", " + arr.name() + ".length)]";
            line(arr.name() + index + (ctx.chance(50) ? " += " : " = ") + e(Type.INT) + ";");
        } else if (ctx.instance) {
            line((ctx.chance(50) ? "this.acc" : "acc") + " += " + e(Type.INT) + ";");
        } else {
            declare();
        }
    }

    private void callStatement() {
        if (ctx.helpers.isEmpty()) {
            Type type = Type.any(ctx.rnd);
            line(record("r", type, ex.pause(type, 2)));
            return;
        }
        Helper h = ctx.helpers.get(ctx.rnd.nextInt(ctx.helpers.size()));
        String call = ex.call(h, ctx.between(0, 2));
        line(h.result() == null ? call + ";" : record("h", h.result(), call));
    }

    /** A condition that holds about a quarter of the time: exits are rare enough to leave work after them. */
    private String rareGuard() {
        return "if (" + e(Type.BOOL) + " && " + e(Type.BOOL) + ") ";
    }

    /** A guarded break, continue or return. */
    private void jump() {
        String guard = rareGuard();
        List<String> targets = new ArrayList<>(ctx.loops);
        if (!targets.isEmpty() && ctx.chance(75)) {
            String target = targets.get(ctx.rnd.nextInt(targets.size()));
            String kind = ctx.chance(50) ? "break" : "continue";
            // unlabelled, it means the innermost loop (or, for break, the innermost switch)
            line(guard + kind + (target.isEmpty() ? "" : " " + target) + ";");
        } else if (targets.isEmpty() && ctx.switches > 0 && ctx.chance(50)) {
            line(guard + "break;");
        } else {
            line(guard + "return" + (ctx.result == null ? "" : " " + e(ctx.result)) + ";");
        }
    }

    private void throwing() {
        String guard = rareGuard();
        switch (ctx.rnd.nextInt(4)) {
            case 0:
                line(guard + "throw new GenException(" + e(Type.INT) + ");");
                break;
            case 1:
                line(guard + "throw new OtherException(" + e(Type.INT) + ");");
                break;
            case 2:
                line(guard + record("b", Type.INT, "Leaves.boom(" + e(Type.INT) + ")"));
                break;
            default:
                line(guard + record("f", Type.INT, "Leaves.failAfter(" + e(Type.INT) + ")"));
                break;
        }
    }

    private void ifElse(int depth) {
        block("if (" + e(Type.BOOL) + ")", ctx.between(1, 3), depth);
        if (ctx.chance(50)) {
            line("} else {");
            indent++;
            ctx.scope.open();
            statements(ctx.between(1, 3), depth);
            ctx.scope.close();
            indent--;
        }
        line("}");
    }

    private void loop(int depth) {
        String label = ctx.chance(40) ? ctx.fresh("L") : "";
        String prefix = label.isEmpty() ? "" : label + ": ";
        int bound = ctx.between(0, 3);
        String counter = ctx.fresh("i");
        int kind = ctx.rnd.nextInt(4);
        if (kind == 1 || kind == 2) {
            line("int " + counter + " = 0;");
        }
        ctx.loops.addLast(label);
        switch (kind) {
            case 0:
                ctx.scope.open();
                ctx.scope.declare(counter, Type.INT, false);
                block(prefix + "for (int " + counter + " = 0; " + counter + " < " + bound + "; " + counter + "++)",
                        ctx.between(1, 4), depth);
                ctx.scope.close();
                line("}");
                break;
            case 1:
                ctx.scope.declare(counter, Type.INT, false);
                block(prefix + "while (" + counter + "++ < " + bound + ")", ctx.between(1, 4), depth);
                line("}");
                break;
            case 2:
                ctx.scope.declare(counter, Type.INT, false);
                block(prefix + "do", ctx.between(1, 4), depth);
                line("} while (++" + counter + " < " + bound + ");");
                break;
            default: {
                String element = ctx.fresh("n");
                String array = e(Type.ARR);
                ctx.scope.open();
                ctx.scope.declare(element, Type.INT, true);
                block(prefix + "for (int " + element + " : " + array + ")", ctx.between(1, 4), depth);
                ctx.scope.close();
                line("}");
                break;
            }
        }
        ctx.loops.removeLast();
    }

    private void switchStatement(int depth) {
        boolean onString = ctx.chance(30);
        line(onString ? "switch (" + e(Type.STR) + ") {" : "switch (Leaves.mod(" + e(Type.INT) + ", 4)) {");
        indent++;
        ctx.switches++;
        int cases = ctx.between(1, 3);
        for (int c = 0; c < cases; c++) {
            String label = onString ? "\"s" + c + "\"" : String.valueOf(c);
            block("case " + label + ":", ctx.between(1, 3), depth);
            line("}");
            if (ctx.chance(70)) {
                line("break;");
            }
        }
        block("default:", ctx.between(1, 2), depth);
        line("}");
        ctx.switches--;
        indent--;
        line("}");
    }

    private void tryStatement(int depth) {
        block("try", ctx.between(1, 4), depth);
        boolean hasCatch = ctx.chance(75);
        if (hasCatch) {
            String[] types = CATCHES[ctx.rnd.nextInt(CATCHES.length)];
            for (String type : types) {
                String name = ctx.fresh("e");
                line("} catch (" + type + " " + name + ") {");
                indent++;
                line(record("c", Type.STR, name + ".toString()"));
                ctx.scope.open();
                statements(ctx.between(0, 2), depth);
                ctx.scope.close();
                indent--;
            }
        }
        if (!hasCatch || ctx.chance(40)) {
            line("} finally {");
            indent++;
            line(record("z", Type.INT, "0"));
            ctx.scope.open();
            statements(ctx.between(0, 2), depth);
            ctx.scope.close();
            indent--;
        }
        line("}");
    }
}
