package coro4jtest.fuzz;

/** An object value for generated programs: built with suspending constructor arguments. */
public record Pair(int a, String b) {}
