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

    /** Takes a sample on the client's thread; {@code serverPid} ≤ 0 leaves the server's CPU unknown. */
    static CpuSample take(long serverPid) {
        long serverTicks = serverPid > 0 ? processTicks(serverPid) : -1;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long process = os.getProcessCpuTime();
        long thread = threads.getCurrentThreadCpuTime();
        long allocated = threads.getCurrentThreadAllocatedBytes();
        return new CpuSample(System.nanoTime(), thread, process, allocated, serverTicks);
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
