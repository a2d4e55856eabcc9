package coro4jtest.fuzz;

import java.util.Arrays;

/**
 * What a generated program computed: the values it recorded, in order, as text. Two runs of one
 * program agree when their traces are equal. Also the fuel that bounds a program's calls, so that
 * random recursion stays small (deterministic, so both runs stop at the same place).
 */
public final class Trace {
    private static final int MAX_TEXT = 4000;

    private final StringBuilder text = new StringBuilder();
    private long hash = 17;
    private int entries;
    private int fuel = 400;

    // one name per kind, not overloads: generated code compiles faster (see Type.recorder)

    public void i(String tag, long value) {
        record(tag + "=" + value);
    }

    public void d(String tag, double value) {
        record(tag + "=" + value);
    }

    public void o(String tag, Object value) {
        record(tag + "=" + (value instanceof int[] ? Arrays.toString((int[]) value) : value));
    }

    /** Spends one unit of fuel; true once there is none left. */
    public boolean tired() {
        return fuel-- <= 0;
    }

    private void record(String entry) {
        entries++;
        hash = hash * 1_000_003 + entry.hashCode();
        if (text.length() < MAX_TEXT) {
            text.append(entry).append(' ');
        }
    }

    @Override
    public String toString() {
        return entries + " entries, hash " + Long.toHexString(hash) + ": " + text;
    }
}
