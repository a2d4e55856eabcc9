package coro4jtest.fuzz;

/**
 * Expressions with many suspending operands pending at once: long string concatenations, nested
 * arithmetic of mixed numeric types ({@code a + (b * (c - ...))}, every operand waiting on the stack
 * for the ones after it), and calls of {@link Wide}'s methods whose twenty arguments each suspend,
 * {@code null} literals among them.
 */
final class PendingOperands {
    /** The parameter types of {@link Wide}'s many-argument methods; {@code null} stands for {@code Object}. */
    static final Type[] WIDE_PARAMETERS = {
        Type.INT, Type.LONG, Type.DOUBLE, Type.STR, null, Type.FLOAT, Type.BOOL, Type.CHAR, Type.BYTE,
        Type.SHORT, Type.ARR, Type.PAIR, Type.INT, Type.LONG, Type.DOUBLE, Type.STR, null, Type.INT,
        Type.LONG, Type.STR,
    };

    private final MethodContext ctx;
    private final Expressions ex;

    private PendingOperands(MethodContext ctx, Expressions ex) {
        this.ctx = ctx;
        this.ex = ex;
    }

    /** Now and then, such an expression of {@code type}; else null. */
    static String maybe(MethodContext ctx, Expressions ex, Type type, int depth) {
        if (depth < 1 || !ctx.chance(3)) {
            return null;
        }
        return new PendingOperands(ctx, ex).expr(type);
    }

    private String expr(Type type) {
        switch (type) {
            case STR:
                return concatenation();
            case INT:
                return ctx.chance(50) ? call() : "(int) " + arithmetic(Type.LONG);
            case LONG:
            case DOUBLE:
                return arithmetic(type);
            default:
                return null;
        }
    }

    /** One operand: mostly a suspending leaf around an atom. */
    private String operand(Type type) {
        return ctx.chance(80) ? ex.pause(type, 0) : ex.expr(type, 1);
    }

    private String concatenation() {
        StringBuilder sb = new StringBuilder("(\"").append(ctx.fresh("")).append('"');
        int n = ctx.between(8, 40);
        for (int i = 0; i < n; i++) {
            Type t = Type.values()[ctx.rnd.nextInt(Type.values().length)];
            sb.append(" + ").append(operand(t == Type.ARR ? Type.INT : t));
        }
        return sb.append(')').toString();
    }

    /** Right-nested, so that every operand waits for all the ones after it. */
    private String arithmetic(Type type) {
        Type[] kinds = type == Type.DOUBLE
                ? new Type[] {Type.DOUBLE, Type.FLOAT, Type.LONG, Type.INT, Type.CHAR}
                : new Type[] {Type.LONG, Type.INT, Type.SHORT, Type.BYTE, Type.CHAR};
        String[] operators = {" + ", " - ", " * "};
        int n = ctx.between(6, 30);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : operators[ctx.rnd.nextInt(3)] + "(");
            // the first is of the expression's type, so the whole has it
            sb.append(operand(i == 0 ? type : kinds[ctx.rnd.nextInt(kinds.length)]));
        }
        return "(" + sb + ")".repeat(n - 1) + ")";
    }

    private String call() {
        StringBuilder args = new StringBuilder();
        for (Type p : WIDE_PARAMETERS) {
            args.append(args.length() == 0 ? "" : ", ");
            if (p == null) {
                args.append(ctx.chance(60) ? "null" : operand(Type.STR));
            } else {
                args.append(operand(p));
            }
        }
        switch (ctx.rnd.nextInt(3)) {
            case 0:
                return "Wide.mixed(" + args + ")";
            case 1:
                return "Wide.mixedAsync(" + args + ")";
            default:
                return "new Wide().mixedOn(" + args + ")";
        }
    }
}
