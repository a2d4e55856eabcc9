package coro4jtest.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes random typed expressions. Many of them leave values on the operand stack under a suspending
 * call ({@code a + Leaves.pI(b) * c}, mixed-type arguments, {@code new Pair(Leaves.pI(x), y)}), put
 * suspending calls in short-circuit operands, ternaries, switch expressions and lambdas, and call
 * the program's other {@code @Async} methods.
 */
final class Expressions {
    private final MethodContext ctx;

    Expressions(MethodContext ctx) {
        this.ctx = ctx;
    }

    /** A literal or a visible variable of {@code type}. */
    String atom(Type type) {
        if (type == Type.INT && ctx.instance && ctx.chance(15)) {
            return ctx.chance(50) ? "this.k" : "acc";
        }
        Scope.Var v = ctx.chance(70) ? ctx.scope.pick(ctx.rnd, type, false) : null;
        return v != null ? v.name() : type.literal(ctx.rnd);
    }

    /** An expression of {@code type}, nested at most {@code depth} levels. */
    String expr(Type type, int depth) {
        if (depth <= 0 || ctx.chance(22)) {
            return atom(type);
        }
        String pending = PendingOperands.maybe(ctx, this, type, depth);
        if (pending != null) {
            return pending;
        }
        int d = depth - 1;
        int pick = ctx.rnd.nextInt(100);
        if (pick < 30) {
            return pause(type, d);
        }
        if (pick < 38) {
            String call = helperCall(type, d);
            if (call != null) {
                return call;
            }
        }
        if (pick < 44) {
            return "(" + expr(Type.BOOL, d) + " ? " + expr(type, d) + " : " + expr(type, d) + ")";
        }
        if (pick < 48 && (type == Type.INT || type == Type.STR)) {
            return switchExpression(type, d);
        }
        if (pick < 52 && type == Type.INT && !ctx.inLambda) {
            return lambda(d);
        }
        return operation(type, d);
    }

    /** A suspending leaf around a value: always suspends, or for some types only for some values. */
    String pause(Type type, int depth) {
        String inner = expr(type, depth);
        if (ctx.chance(35)) {
            String salt = String.valueOf(ctx.rnd.nextInt(4));
            switch (type) {
                case INT:
                    return "Leaves.mI(" + inner + ", " + salt + ")";
                case LONG:
                    return "Leaves.mJ(" + inner + ", " + salt + ")";
                case DOUBLE:
                    return "Leaves.mD(" + inner + ", " + salt + ")";
                case STR:
                    return "Leaves.mStr(" + inner + ", " + salt + ")";
                default:
                    break;
            }
        }
        return type.pause + "(" + inner + ")";
    }

    /** A call of a helper that returns {@code type}, or null when none does (or none may be called). */
    String helperCall(Type type, int depth) {
        if (ctx.inLambda) {
            return null;
        }
        List<Helper> fit = new ArrayList<>();
        for (Helper h : ctx.helpers) {
            if (h.result() == type) {
                fit.add(h);
            }
        }
        return fit.isEmpty() ? null : call(fit.get(ctx.rnd.nextInt(fit.size())), depth);
    }

    /** The call expression of {@code h}, one level deeper ({@code d - 1}), with random arguments. */
    String call(Helper h, int depth) {
        StringBuilder sb = new StringBuilder();
        if (h.instance()) {
            if (ctx.instance && ctx.chance(60)) {
                sb.append(ctx.chance(50) ? "this." : "");
            } else {
                sb.append("new ").append(ctx.className).append('(').append(expr(Type.INT, depth)).append(").");
            }
        }
        sb.append(h.name()).append("(t, d - 1");
        for (Type p : h.params()) {
            sb.append(", ").append(expr(p, depth));
        }
        return sb.append(')').toString();
    }

    private String switchExpression(Type type, int depth) {
        StringBuilder sb = new StringBuilder("switch (Leaves.mod(" + expr(Type.INT, depth) + ", 3)) {");
        sb.append(" case 0 -> ").append(expr(type, depth)).append(';');
        Type local = Type.any(ctx.rnd);
        String name = ctx.fresh("y");
        sb.append(" case 1 -> { ").append(local.java).append(' ').append(name).append(" = ")
                .append(expr(local, depth)).append("; ");
        ctx.scope.open();
        ctx.scope.declare(name, local, true);
        // a local, not "yield (...)", which would parse as a call of a method named yield
        String yielded = ctx.fresh("y");
        sb.append(type.java).append(' ').append(yielded).append(" = ").append(expr(type, depth))
                .append("; yield ").append(yielded).append("; }");
        ctx.scope.close();
        sb.append(" default -> ").append(expr(type, depth)).append("; }");
        return "(" + sb + ")";
    }

    /** An {@code @Async} lambda ({@link Fn}) applied at once; its body sees only its parameter. */
    private String lambda(int depth) {
        String x = ctx.fresh("x");
        Scope outer = ctx.scope;
        ctx.scope = new Scope();
        ctx.scope.declare(x, Type.INT, true);
        ctx.inLambda = true;
        String body = expr(Type.INT, depth);
        ctx.inLambda = false;
        ctx.scope = outer;
        return "((Fn) " + x + " -> " + body + ").apply(" + expr(Type.INT, depth) + ")";
    }

    private String operation(Type type, int d) {
        switch (type) {
            case INT:
                return intOperation(d);
            case LONG:
                switch (ctx.rnd.nextInt(4)) {
                    case 0:
                        return "((long) " + expr(Type.INT, d) + " * " + expr(Type.INT, d) + ")";
                    case 1:
                        return "(" + expr(Type.LONG, d) + " << (" + expr(Type.INT, d) + " & 7))";
                    default:
                        return binary(Type.LONG, d, "+", "-", "*", "^");
                }
            case DOUBLE:
                return ctx.chance(25) ? "(" + expr(Type.INT, d) + " / 4.0)" : binary(Type.DOUBLE, d, "+", "-", "*");
            case FLOAT:
                return ctx.chance(25) ? "(float) " + expr(Type.DOUBLE, d) : binary(Type.FLOAT, d, "+", "*");
            case BOOL:
                return boolOperation(d);
            case CHAR:
                return ctx.chance(50)
                        ? "(char) ('a' + Leaves.mod(" + expr(Type.INT, d) + ", 26))"
                        : expr(Type.STR, d) + ".charAt(0)";
            case BYTE:
                return "(byte) (" + expr(Type.BYTE, d) + " + " + expr(Type.INT, d) + ")";
            case SHORT:
                return "(short) (" + expr(Type.SHORT, d) + " * " + expr(Type.BYTE, d) + ")";
            case STR:
                return stringOperation(d);
            case ARR:
                if (ctx.chance(30)) {
                    return expr(Type.ARR, d) + ".clone()";
                }
                return "new int[] {" + expr(Type.INT, d) + ", " + expr(Type.INT, d) + "}";
            case PAIR:
                return "new Pair(" + expr(Type.INT, d) + ", " + expr(Type.STR, d) + ")";
            default:
                throw new AssertionError(type);
        }
    }

    private String intOperation(int d) {
        switch (ctx.rnd.nextInt(12)) {
            case 0:
                return "(" + expr(Type.INT, d) + (ctx.chance(50) ? " / (" : " % (") + expr(Type.INT, d) + " | 1))";
            case 1:
                return "(int) " + expr(ctx.chance(50) ? Type.LONG : Type.DOUBLE, d);
            case 2:
                return expr(Type.STR, d) + ".length()";
            case 3:
                return expr(Type.PAIR, d) + ".a()";
            case 4:
                return "Leaves.mix(" + expr(Type.INT, d) + ", " + expr(Type.LONG, d) + ", "
                        + expr(Type.DOUBLE, d) + ", " + expr(Type.FLOAT, d) + ", " + expr(Type.BOOL, d)
                        + ", " + expr(Type.CHAR, d) + ", " + expr(Type.STR, d) + ")";
            case 5: {
                Scope.Var arr = ctx.scope.pick(ctx.rnd, Type.ARR, false);
                if (arr != null) {
                    return arr.name() + "[Leaves.mod(" + expr(Type.INT, d) + ", " + arr.name() + ".length)]";
                }
                return expr(Type.ARR, d) + ".length";
            }
            case 6: {
                Scope.Var v = ctx.scope.pick(ctx.rnd, Type.INT, true);
                if (v != null) {
                    return "(" + v.name() + (ctx.chance(70) ? " += " + expr(Type.INT, d) : "++") + ")";
                }
                return "(" + expr(Type.CHAR, d) + " + " + expr(Type.SHORT, d) + ")";
            }
            case 7:
                return "(" + expr(Type.BYTE, d) + " * " + expr(Type.CHAR, d) + ")";
            default:
                return binary(Type.INT, d, "+", "-", "*", "&", "|", "^");
        }
    }

    private String boolOperation(int d) {
        switch (ctx.rnd.nextInt(9)) {
            case 0:
                return "(" + expr(Type.INT, d) + " < " + expr(Type.INT, d) + ")";
            case 1:
                return "(" + expr(Type.LONG, d) + " >= " + expr(Type.LONG, d) + ")";
            case 2:
                return "(" + expr(Type.DOUBLE, d) + " < " + expr(Type.DOUBLE, d) + ")";
            case 3:
                return "(" + expr(Type.BOOL, d) + " && " + expr(Type.BOOL, d) + ")";
            case 4:
                return "(" + expr(Type.BOOL, d) + " || " + expr(Type.BOOL, d) + ")";
            case 5:
                return "!" + expr(Type.BOOL, d);
            case 6:
                return expr(Type.STR, d) + ".equals(" + expr(Type.STR, d) + ")";
            case 7:
                return "(" + expr(Type.CHAR, d) + " == " + expr(Type.CHAR, d) + ")";
            default:
                return "(" + expr(Type.INT, d) + " % 2 == 0)";
        }
    }

    private String stringOperation(int d) {
        switch (ctx.rnd.nextInt(5)) {
            case 0:
                return "java.util.Objects.toString(" + expr(printable(), d) + ")";
            case 1:
                return expr(Type.PAIR, d) + ".b()";
            case 2:
                return expr(Type.STR, d) + ".toUpperCase()";
            case 3:
                return "Leaves.show(" + expr(Type.ARR, d) + ")";
            default: {
                // string concatenation (invokedynamic) with operands of several types
                StringBuilder sb = new StringBuilder("(\"").append(ctx.fresh("")).append('"');
                int n = ctx.between(1, 4);
                for (int i = 0; i < n; i++) {
                    sb.append(" + ").append(expr(printable(), d));
                }
                return sb.append(')').toString();
            }
        }
    }

    /** Any type whose string form is its value (arrays print their identity). */
    private Type printable() {
        Type t = Type.any(ctx.rnd);
        return t == Type.ARR ? Type.INT : t;
    }

    private String binary(Type type, int d, String... operators) {
        String op = operators[ctx.rnd.nextInt(operators.length)];
        return "(" + expr(type, d) + " " + op + " " + expr(type, d) + ")";
    }
}
