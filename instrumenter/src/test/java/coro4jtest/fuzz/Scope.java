package coro4jtest.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The locals a generated statement can see: nested blocks, each forgotten when it closes. */
final class Scope {
    /** One local variable (or parameter). */
    record Var(String name, Type type, boolean assignable) {}

    private final List<List<Var>> blocks = new ArrayList<>();

    Scope() {
        open();
    }

    void open() {
        blocks.add(new ArrayList<>());
    }

    void close() {
        blocks.remove(blocks.size() - 1);
    }

    void declare(String name, Type type, boolean assignable) {
        blocks.get(blocks.size() - 1).add(new Var(name, type, assignable));
    }

    /** A random visible variable of {@code type} (assignable ones only if asked), or null. */
    Var pick(Random rnd, Type type, boolean mustBeAssignable) {
        List<Var> fit = new ArrayList<>();
        for (List<Var> block : blocks) {
            for (Var v : block) {
                if ((type == null || v.type() == type) && (!mustBeAssignable || v.assignable())) {
                    fit.add(v);
                }
            }
        }
        return fit.isEmpty() ? null : fit.get(rnd.nextInt(fit.size()));
    }
}
