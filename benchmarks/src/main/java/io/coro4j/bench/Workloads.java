package io.coro4j.bench;

/**
 * The workloads, once per peer (coro4j, CompletableFuture on one executor thread, virtual threads on
 * one carrier). Each method runs its whole batch and returns when it is done; the benchmarks divide by
 * the batch size.
 */
public interface Workloads extends AutoCloseable {
    /**
     * {@code n} yields (one suspension and resume through the scheduler each), each made with
     * {@code depth} frames of the peer's coroutine code on the stack (1: the task body yields itself;
     * 10: the body calls a coroutine method that calls another, nine methods deep, and the last one
     * yields: ten frames).
     */
    void yields(int n, int depth) throws Exception;

    /** Creates {@code n} tasks that each yield once, then awaits them all (all {@code n} are alive at once). */
    void spawn(int n) throws Exception;

    /** {@code n} times: creates a task that yields once and awaits it (one task alive at a time). */
    void spawnEach(int n) throws Exception;

    /**
     * Creates {@code n} tasks that each sleep {@code millis} and awaits them all. With {@code whileAsleep}
     * (the heap measurement), nothing but the peer's runtime keeps the tasks: once all are asleep it
     * runs {@code whileAsleep} (which measures and halts the JVM) instead of awaiting them.
     */
    void sleepers(int n, long millis, Runnable whileAsleep) throws Exception;

    /** {@code n} round trips between two tasks through two one-slot channels. */
    void pingPong(int n) throws Exception;

    @Override
    default void close() {}

    /** The workloads of {@code peer}: {@code coro4j}, {@code cf} or {@code vt} (JDK 21+). */
    static Workloads of(String peer) {
        switch (peer) {
            case "coro4j":
                return new Coro4jWorkloads();
            case "cf":
                return new CfWorkloads();
            case "vt":
                try {
                    return (Workloads) Class.forName("io.coro4j.bench.vt.VirtualThreadWorkloads")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException("the virtual-thread peer needs JDK 21+ and a build on"
                            + " JDK 21+ (benchmarks/src/main/java21); running on "
                            + System.getProperty("java.version"), e);
                }
            default:
                throw new IllegalArgumentException("unknown peer " + peer);
        }
    }
}
