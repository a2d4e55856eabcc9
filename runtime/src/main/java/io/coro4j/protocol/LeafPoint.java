package io.coro4j.protocol;

/**
 * A leaf where tasks suspend ({@link Suspension#suspend()}, or a {@link Leaf} method): its self key,
 * which the chain check of the first saving frame compares with the method that frame called, and its
 * location, which {@code Task.getStack()} shows as the innermost frame of a task waiting there.
 */
public final class LeafPoint {
    final String selfKey;
    /**
     * Whether the leaf stands for a frame of the task's code (a {@link Leaf} method: shown in its stack,
     * and the body's callee when no record was saved) rather than being the protocol's own primitive.
     */
    final boolean framed;
    /** The leaf's number among the {@link FrameSite}s, which the chain check starts from. */
    final int site;
    /**
     * The call that suspends, as a stack-trace element, found by a stack walk at the first suspension
     * (a constant would need the line number written twice). Racy on purpose: every walk finds the same.
     */
    private String location;

    /**
     * @param selfKey the leaf method's {@code name+descriptor}
     */
    public LeafPoint(String selfKey) {
        this(selfKey, true);
    }

    LeafPoint(String selfKey, boolean framed) {
        this.selfKey = selfKey;
        this.framed = framed;
        this.site = FrameSite.ofLeaf(selfKey);
    }

    private static final String PROTOCOL = LeafPoint.class.getPackageName() + ".";

    /** Called by {@link Continuation#beginCapture(LeafPoint)}: the leaf's frame is the first above it. */
    void locate() {
        if (location == null) {
            location = StackWalker.getInstance().walk(frames -> frames
                    .dropWhile(f -> f.getClassName().startsWith(PROTOCOL))
                    .findFirst()
                    .map(CodeLocation::of)
                    .orElse(selfKey));
        }
    }

    /** The location, once a task suspended here; else the self key. */
    String location() {
        String where = location;
        return where != null ? where : selfKey;
    }
}
