package coro4jtest.fuzz;

/** Monitors for the {@code synchronized} blocks of generated programs. */
public final class Locks {
    public static final Object A = new Object();
    public static final Object B = new Object();

    private Locks() {}
}
