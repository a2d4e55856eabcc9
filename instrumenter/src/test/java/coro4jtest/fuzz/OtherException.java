package coro4jtest.fuzz;

/** A second exception type, unrelated to {@link GenException}, so that catch clauses must choose. */
public class OtherException extends CodedException {
    public OtherException(int code) {
        super(code);
    }
}
