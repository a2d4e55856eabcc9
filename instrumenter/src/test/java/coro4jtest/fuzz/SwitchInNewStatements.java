package coro4jtest.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code new Pair(...)} with a switch expression among its arguments whose arms hold a
 * {@code try} with a catch, a {@code finally} or a resource: javac then spills the operand stack to
 * locals around the switch, the objects under construction with it (issue 14). The switch is the
 * first or the last argument, or both in nested {@code new}s, and anything may suspend before, inside
 * or after it.
 *
 * <p>Statements only, so that what lies on the operand stack under the switch is known: javac (17 to
 * 25 at least) crashes spilling a {@code long} or a {@code double} there, which an expression nested
 * anywhere could put.
 */
final class SwitchInNewStatements {
    private final MethodContext ctx;
    private final Expressions ex;

    SwitchInNewStatements(MethodContext ctx, Expressions ex) {
        this.ctx = ctx;
        this.ex = ex;
    }

    /** One statement (a line), in the current block. */
    List<String> write() {
        String made = pair(ctx.chance(30));
        List<String> out = new ArrayList<>();
        if (ctx.chance(50)) {
            out.add("t.o(\"" + ctx.fresh("n") + "\", " + made + ");");
        } else {
            String name = ctx.fresh("v");
            out.add("Pair " + name + " = " + made + ";");
            ctx.scope.declare(name, Type.PAIR, true);
        }
        return out;
    }

    /** {@code new Pair(int, String)} with the switch as one argument or both; maybe nested. */
    private String pair(boolean nested) {
        String a;
        String b;
        switch (ctx.rnd.nextInt(3)) {
            case 0:
                a = tryingSwitch(Type.INT);
                b = expr(Type.STR);
                break;
            case 1:
                a = expr(Type.INT);
                b = tryingSwitch(Type.STR);
                break;
            default:
                a = tryingSwitch(Type.INT);
                b = tryingSwitch(Type.STR);
                break;
        }
        if (nested) {
            a = pair(false) + ".a()";
        }
        return "new Pair(" + a + ", " + b + ")";
    }

    private String expr(Type type) {
        return ex.expr(type, ctx.between(1, 2));
    }

    /** A switch expression of {@code type} whose arms hold a try with a catch, a finally, a resource. */
    private String tryingSwitch(Type type) {
        StringBuilder sb = new StringBuilder("switch (Leaves.mod(" + expr(Type.INT) + ", 4)) {");
        int arms = ctx.between(1, 3);
        for (int c = 0; c < arms; c++) {
            sb.append(" case ").append(c).append(" -> { ").append(tryArm(type)).append(" }");
        }
        sb.append(" default -> ").append(expr(type)).append("; }");
        return "(" + sb + ")";
    }

    private String tryArm(Type type) {
        switch (ctx.rnd.nextInt(3)) {
            case 0: {
                String e = ctx.fresh("e");
                return "try { " + yielding(type, mayThrow(type)) + " } catch (GenException | OtherException " + e
                        + ") { t.o(\"" + ctx.fresh("c") + "\", " + e + ".toString()); " + yielding(type, expr(type))
                        + " }";
            }
            case 1:
                return "try { " + yielding(type, mayThrow(type)) + " } finally { "
                        + (ctx.chance(50) ? "Leaves.tick();" : "t.i(\"" + ctx.fresh("z") + "\", 0);") + " }";
            default: {
                String r = ctx.fresh("r");
                return "try (Resource " + r + " = new Resource(t, \"" + r + "\")) { " + yielding(type, mayThrow(type))
                        + " }";
            }
        }
    }

    /** Yields {@code value} through a local: "yield (...)" would parse as a call of a method named yield. */
    private String yielding(Type type, String value) {
        String local = ctx.fresh("y");
        return type.java + " " + local + " = " + value + "; yield " + local + ";";
    }

    /** An expression of {@code type} that sometimes throws, after a suspension or not. */
    private String mayThrow(Type type) {
        if (type != Type.INT || !ctx.chance(40)) {
            return expr(type);
        }
        String thrower = ctx.chance(50) ? "Leaves.failAfter(" : "Leaves.boom(";
        return "(Leaves.mod(" + expr(Type.INT) + ", 3) == 0 ? " + thrower + expr(Type.INT) + ") : "
                + expr(Type.INT) + ")";
    }
}
