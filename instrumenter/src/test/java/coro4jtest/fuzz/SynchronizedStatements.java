package coro4jtest.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code synchronized} blocks left every way (the end, a throw, a return, a break, a continue),
 * nested, maybe in a {@code try} that catches what they throw or a {@code finally}, each followed by a
 * suspension, in the catch, the finally or after: none holds a monitor across a suspension, so the
 * rewriter must accept them all (issue 10 item 2). Nothing inside a block suspends: its expressions are
 * variables and literals, and plain calls.
 */
final class SynchronizedStatements {
    private static final String[] LOCKS = {"Locks.A", "Locks.B", "t"};

    private final MethodContext ctx;
    private final Expressions ex;
    private final List<String> out = new ArrayList<>();
    private int indent;

    SynchronizedStatements(MethodContext ctx, Expressions ex) {
        this.ctx = ctx;
        this.ex = ex;
    }

    /** The lines of one such statement, indented relative to the current block. */
    List<String> write(int depth) {
        int form = ctx.rnd.nextInt(3);
        if (form == 0) {
            block(depth);
        } else {
            line("try {");
            indent++;
            block(depth);
            indent--;
            if (form == 1) {
                String e = ctx.fresh("e");
                line("} catch (GenException | OtherException " + e + ") {");
                indent++;
                line("t.o(\"" + ctx.fresh("m") + "\", " + e + ".toString());");
                if (ctx.chance(60)) {
                    suspension();
                }
                indent--;
            } else {
                line("} finally {");
                indent++;
                suspension();
                indent--;
            }
            line("}");
        }
        suspension();
        return out;
    }

    /** A {@code synchronized} block of plain statements, maybe a nested block among them. */
    private void block(int depth) {
        String lock = ctx.instance && ctx.chance(25) ? "this" : LOCKS[ctx.rnd.nextInt(LOCKS.length)];
        line("synchronized (" + lock + ") {");
        indent++;
        ctx.scope.open();
        int count = ctx.between(1, 3);
        for (int i = 0; i < count; i++) {
            plain(depth);
        }
        ctx.scope.close();
        indent--;
        line("}");
    }

    private void plain(int depth) {
        int pick = ctx.rnd.nextInt(depth > 0 ? 100 : 80);
        Type type = Type.any(ctx.rnd);
        if (pick < 25) {
            line("t." + type.recorder + "(\"" + ctx.fresh("m") + "\", " + ex.atom(type) + ");");
        } else if (pick < 40) {
            Scope.Var v = ctx.scope.pick(ctx.rnd, type, true);
            if (v != null) {
                line(v.name() + " = " + ex.atom(type) + ";");
            } else {
                String name = ctx.fresh("v");
                line(type.java + " " + name + " = " + ex.atom(type) + ";");
                ctx.scope.declare(name, type, true);
            }
        } else if (pick < 55) {
            line(guard() + "throw new " + (ctx.chance(50) ? "GenException" : "OtherException") + "("
                    + ex.atom(Type.INT) + ");");
        } else if (pick < 70) {
            exit();
        } else if (pick < 80) {
            String e = ctx.fresh("e");
            line("try {");
            indent++;
            line(guard() + "throw new GenException(" + ex.atom(Type.INT) + ");");
            indent--;
            line("} catch (GenException " + e + ") {");
            indent++;
            line("t.o(\"" + ctx.fresh("m") + "\", " + e + ".toString());");
            indent--;
            line("}");
        } else {
            block(depth - 1);
        }
    }

    /** A guarded break or continue out of the block (when in a loop or switch), or a return. */
    private void exit() {
        List<String> loops = new ArrayList<>(ctx.loops);
        if (!loops.isEmpty() && ctx.chance(70)) {
            String target = loops.get(ctx.rnd.nextInt(loops.size()));
            line(guard() + (ctx.chance(50) ? "break" : "continue") + (target.isEmpty() ? "" : " " + target)
                    + ";");
        } else if (loops.isEmpty() && ctx.switches > 0 && ctx.chance(50)) {
            line(guard() + "break;");
        } else {
            line(guard() + "return" + (ctx.result == null ? "" : " " + ex.atom(ctx.result)) + ";");
        }
    }

    /** An {@code if} that holds about a third of the time, and does not suspend. */
    private String guard() {
        return "if (Leaves.mod(" + ex.atom(Type.INT) + ", 3) == 0) ";
    }

    private void suspension() {
        switch (ctx.rnd.nextInt(3)) {
            case 0:
                line("Leaves.tick();");
                break;
            case 1:
                line("t.i(\"" + ctx.fresh("s") + "\", Leaves.mI(" + ex.atom(Type.INT) + ", "
                        + ctx.rnd.nextInt(4) + "));");
                break;
            default:
                line("t.o(\"" + ctx.fresh("s") + "\", Leaves.pStr(" + ex.atom(Type.STR) + "));");
                break;
        }
    }

    private void line(String text) {
        out.add("    ".repeat(indent) + text);
    }
}
