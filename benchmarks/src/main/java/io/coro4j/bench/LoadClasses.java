package io.coro4j.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The agent's cost on classes that never mention coro4j: {@code java [-javaagent:...] io.coro4j.bench.LoadClasses
 * JAR...} loads (defines, which is where a class-file transformer runs) every class of the jars through
 * a fresh class loader, without initializing them, and prints {@code load CLASSES WALL_MS THREAD_CPU_MS
 * PROCESS_CPU_MS} (the loading thread's CPU time is the least disturbed by other load on the machine;
 * the process's includes the JIT compiler's and the collector's threads). run.sh runs it
 * in fresh JVMs without the agent, with it, and with it and an include list, alternately.
 */
public final class LoadClasses {
    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String jar : args) {
            urls.add(new File(jar).toURI().toURL());
            try (JarFile f = new JarFile(jar)) {
                for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.endsWith(".class") && !name.contains("-") && !name.startsWith("META-INF")) {
                        names.add(name.substring(0, name.length() - 6).replace('/', '.'));
                    }
                }
            }
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long proc0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        int loaded = 0;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (LinkageError | ClassNotFoundException skipped) {
                    // a class whose optional dependency is absent
                }
            }
        }
        long nanos = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long proc = os.getProcessCpuTime() - proc0;
        System.out.printf("load %d %.1f %.1f %.1f%n", loaded, nanos / 1e6, cpu / 1e6, proc / 1e6);
    }
}
