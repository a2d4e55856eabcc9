package io.coro4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Retained heap per sleeping task: {@code java io.coro4j.bench.HeapPerTask PEER N}. Measures the used heap
 * after full collections, starts N tasks that sleep one hour, lets them all fall asleep, collects again
 * and prints {@code heap PEER BYTES_PER_TASK}, then halts the JVM. Nothing but the peer's runtime keeps
 * the tasks: for coro4j, the task (its continuation and frame storage), its body lambda and its place in
 * the timer heap (a sleeping task is its own timer node).
 */
public final class HeapPerTask {
    public static void main(String[] args) throws Exception {
        String peer = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Workloads w = Workloads.of(peer);
        // warm up the classes and paths with a small batch, so that the baseline includes them
        w.spawn(1000);
        long before = usedAfterGc();
        long[] after = new long[1];
        try {
            w.sleepers(n, 3_600_000, () -> {
                try {
                    Thread.sleep(500); // other threads' peers finish putting their tasks to sleep
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                after[0] = usedAfterGc();
                System.out.printf("heap %s %.1f%n", peer, (after[0] - before) / (double) n);
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
        } finally {
            Runtime.getRuntime().halt(1);
        }
    }

    static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
