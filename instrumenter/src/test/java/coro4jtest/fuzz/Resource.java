package coro4jtest.fuzz;

/** A resource for generated try-with-resources: its opening and its closing are part of the trace. */
public final class Resource implements AutoCloseable {
    private final Trace t;
    private final String tag;

    public Resource(Trace t, String tag) {
        this.t = t;
        this.tag = tag;
        t.o(tag, "open");
    }

    @Override
    public void close() {
        t.o(tag, "close");
    }
}
