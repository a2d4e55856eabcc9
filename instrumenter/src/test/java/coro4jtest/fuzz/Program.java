package coro4jtest.fuzz;

/**
 * One generated program: its methods' source, to be pasted into the class {@code className}, and its
 * entry method {@code static void entry(Trace t)}. Its index and the seed regenerate it exactly.
 */
record Program(long seed, int index, String className, String entry, String source) {}
