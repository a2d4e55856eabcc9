package coro4jtest.fuzz;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Everything the generators need to know while they write one method: the random source, the visible
 * locals, the program's callable helpers, and what a {@code break}, {@code continue} or {@code return}
 * may target here.
 */
final class MethodContext {
    final Random rnd;
    final String className;
    final List<Helper> helpers;
    final boolean instance;
    /** The method's result type; {@code null} for {@code void}. */
    final Type result;
    Scope scope = new Scope();
    /** Inside a lambda body: no helper calls (they need {@code t} and {@code d}). */
    boolean inLambda;
    /** Enclosing loops, innermost last; each with its label or {@code null}. */
    final Deque<String> loops = new ArrayDeque<>();
    /** How many switch statements enclose the current statement (an unlabelled break may end one). */
    int switches;
    private int names;

    MethodContext(Random rnd, String className, List<Helper> helpers, boolean instance, Type result) {
        this.rnd = rnd;
        this.className = className;
        this.helpers = helpers;
        this.instance = instance;
        this.result = result;
    }

    /** A fresh name, unique within the method (Java forbids shadowing a local). */
    String fresh(String prefix) {
        return prefix + (names++);
    }

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }
}
