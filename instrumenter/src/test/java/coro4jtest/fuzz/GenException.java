package coro4jtest.fuzz;

/** The exception generated programs throw and catch most often (and that resumes deliver). */
public class GenException extends CodedException {
    public GenException(int code) {
        super(code);
    }
}
