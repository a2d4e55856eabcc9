package coro4jtest.fuzz;

import java.util.List;

/**
 * A generated {@code @Async} method that the statements of one program may call: its name, result
 * type ({@code null} for {@code void}), parameter types (after {@code Trace t, int d}) and whether it
 * is an instance method of the generated class.
 */
record Helper(String name, Type result, List<Type> params, boolean instance) {}
