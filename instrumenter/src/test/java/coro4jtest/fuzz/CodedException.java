package coro4jtest.fuzz;

/**
 * The exceptions generated programs throw on purpose: a code, and a text that is part of a program's
 * result. Generated catch clauses never name this class, only its two unrelated subclasses.
 */
public abstract class CodedException extends RuntimeException {
    public final int code;

    protected CodedException(int code) {
        super(null, null, false, false);
        this.code = code;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + code + ")";
    }
}
