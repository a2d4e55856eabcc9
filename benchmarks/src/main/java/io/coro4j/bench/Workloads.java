package io.coro4j.bench;

/**
 * The workloads, once per peer: coro4j, Kotlin coroutines ({@code runBlocking} on one thread, and
 * {@code Dispatchers.Default}), CompletableFuture on one executor thread, virtual threads on one carrier.
 * Each method runs its whole batch and returns when it is done; the benchmarks divide by the batch size.
 * BENCHMARKS.md says in one sentence what each peer's code does for each workload.
 */
public interface Workloads extends AutoCloseable {
    /**
     * {@code n} yields of one task (one suspension and resume through the scheduler each), each made with
     * {@code depth} frames of the peer's coroutine code on the stack (1: the task body yields itself;
     * 10: the body calls a coroutine method that calls another, nine methods deep, and the last one
     * yields). Every nested method uses its callee's result ({@code nest(below - 1) + 1}), so that no
     * compiler can turn the call into a tail call (Kotlin compiles a suspending tail call without a
     * state machine of its own) and all ten frames are suspended and resumed.
     */
    void yields(int n, int depth) throws Exception;

    /**
     * Two tasks taking turns, {@code n / 2} yields each: every yield switches to the other task, so that
     * every yield suspends and resumes the task's frames ({@code depth} of them, as in {@link #yields})
     * and switches tasks. A runtime may make a lone task's yield cheaper than a switch; this measures the
     * switch.
     */
    void yieldsTwoTasks(int n, int depth) throws Exception;

    /** Creates {@code n} tasks that each yield once, then awaits them all in order (all {@code n} are alive at once). */
    void spawn(int n) throws Exception;

    /**
     * Creates {@code n} tasks that each sleep {@code millis} and, once all are asleep, runs
     * {@code whileAsleep} (which measures the heap and halts the JVM). Nothing but the peer's runtime
     * keeps the tasks.
     */
    void sleepers(int n, long millis, Runnable whileAsleep) throws Exception;

    /** {@code n} round trips of a value between two tasks through two one-slot channels. */
    void pingPong(int n) throws Exception;

    @Override
    default void close() {}

    /**
     * The workloads of {@code peer}: {@code coro4j}, {@code cf}, {@code kotlin} ({@code runBlocking}, one
     * thread), {@code kotlin-default} ({@code Dispatchers.Default}) or {@code vt} (JDK 21+).
     */
    static Workloads of(String peer) {
        switch (peer) {
            case "coro4j":
                return new Coro4jWorkloads();
            case "cf":
                return new CfWorkloads();
            case "kotlin":
                return new io.coro4j.bench.kt.KotlinWorkloads(false);
            case "kotlin-default":
                return new io.coro4j.bench.kt.KotlinWorkloads(true);
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
