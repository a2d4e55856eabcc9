package coro4jtest.fuzz;

import java.util.Random;

/** The value types of generated programs, with their literals and their suspending leaf. */
enum Type {
    INT("int", "Leaves.pI", "i"),
    LONG("long", "Leaves.pJ", "i"),
    DOUBLE("double", "Leaves.pD", "d"),
    FLOAT("float", "Leaves.pF", "d"),
    BOOL("boolean", "Leaves.pZ", "o"),
    CHAR("char", "Leaves.pC", "i"),
    BYTE("byte", "Leaves.pB", "i"),
    SHORT("short", "Leaves.pS", "i"),
    STR("String", "Leaves.pStr", "o"),
    ARR("int[]", "Leaves.pArr", "o"),
    PAIR("Pair", "Leaves.pR", "o");

    final String java;
    /** The leaf that suspends and returns its argument. */
    final String pause;
    /**
     * The {@link Trace} method that records a value of this type. Not one overloaded name: javac's
     * overload resolution re-attributes nested poly arguments per candidate and compiles slowly.
     */
    final String recorder;

    Type(String java, String pause, String recorder) {
        this.java = java;
        this.pause = pause;
        this.recorder = recorder;
    }

    static Type any(Random rnd) {
        // ints most often: they feed indexes, conditions and switches
        return rnd.nextInt(3) == 0 ? INT : values()[rnd.nextInt(values().length)];
    }

    /** Types that compound assignment ({@code +=}) accepts. */
    boolean compoundable() {
        return this != BOOL && this != ARR && this != PAIR;
    }

    /** A literal (or constant-like expression) of this type. */
    String literal(Random rnd) {
        switch (this) {
            case INT:
                return rnd.nextInt(12) == 0 ? "2147483600" : signed(String.valueOf(rnd.nextInt(41) - 10));
            case LONG:
                return rnd.nextInt(8) == 0 ? "(1L << 40)" : signed((rnd.nextInt(2001) - 1000) + "L");
            case DOUBLE:
                return signed((rnd.nextInt(81) - 20) + "." + (25 * rnd.nextInt(4)));
            case FLOAT:
                return signed((rnd.nextInt(41) - 10) + ".5f");
            case BOOL:
                return rnd.nextBoolean() ? "true" : "false";
            case CHAR:
                return "'" + (char) ('a' + rnd.nextInt(26)) + "'";
            case BYTE:
                return "(byte) " + signed(String.valueOf(rnd.nextInt(256) - 128));
            case SHORT:
                return "(short) " + signed(String.valueOf(rnd.nextInt(4001) - 2000));
            case STR:
                return "\"s" + rnd.nextInt(10) + "\"";
            case ARR:
                return "new int[] {" + (rnd.nextInt(9) - 4) + ", " + rnd.nextInt(5) + "}";
            case PAIR:
                return "new Pair(" + rnd.nextInt(9) + ", \"q" + rnd.nextInt(5) + "\")";
            default:
                throw new AssertionError(this);
        }
    }

    /** Negative literals in parentheses, so that they never meet a binary minus. */
    private static String signed(String number) {
        return number.startsWith("-") ? "(" + number + ")" : number;
    }
}
