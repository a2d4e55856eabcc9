package coro4jtest.scale;

/** What a failing operand throws (from its resume, rewritten). */
public final class OperandFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final int operand;

    public OperandFailed(int operand) {
        super("operand " + operand, null, false, false);
        this.operand = operand;
    }
}
