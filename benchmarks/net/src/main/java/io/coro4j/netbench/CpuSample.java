package io.coro4j.netbench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the load client reads at both ends of a window to tell who was busy: its own thread's CPU time and
 * allocated bytes, its process's CPU time (the JIT and the collector included), and the server process's
 * CPU time in clock ticks ({@code /proc/PID/stat}, utime + stime of all its threads; -1 when not known).
 */
final class CpuSample {
    final long wallNanos;
    final long threadCpuNanos;
    final long processCpuNanos;
    final long allocatedBytes;
    final long serverTicks;

    private CpuSample(long wallNanos, long threadCpuNanos, long processCpuNanos, long allocatedBytes,
                      long serverTicks) {
        this.wallNanos = wallNanos;
        this.threadCpuNanos = threadCpuNanos;
        this.processCpuNanos = processCpuNanos;
        this.allocatedBytes = allocatedBytes;
        this.serverTicks = serverTicks;
    }

    /**
     * Takes the sample that opens a window, on the client's thread; {@code serverPid} ≤ 0 leaves the
     * server's CPU unknown. The thread's allocation count is read last, so that the sample's own reads
     * are not counted in the window.
     */
    static CpuSample opening(long serverPid) {
        long serverTicks = serverPid > 0 ? processTicks(serverPid) : -1;
        long process = os().getProcessCpuTime();
        long thread = threads().getCurrentThreadCpuTime();
        long allocated = threads().getCurrentThreadAllocatedBytes();
        return new CpuSample(System.nanoTime(), thread, process, allocated, serverTicks);
    }

    /** Takes the sample that closes a window; the allocation count first, for the same reason. */
    static CpuSample closing(long serverPid) {
        long allocated = threads().getCurrentThreadAllocatedBytes();
        long wall = System.nanoTime();
        long thread = threads().getCurrentThreadCpuTime();
        long process = os().getProcessCpuTime();
        long serverTicks = serverPid > 0 ? processTicks(serverPid) : -1;
        return new CpuSample(wall, thread, process, allocated, serverTicks);
    }

    private static com.sun.management.ThreadMXBean threads() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    /** utime + stime of process {@code pid} in clock ticks, or -1 if it cannot be read. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of stat(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
