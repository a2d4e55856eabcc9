package io.coro4j.samples;

import io.coro4j.Coro;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Run on the module path by {@link ModulePathTest}: asks the platform MBean server for its own loop's task
 * dump, as jconsole would, which works only if the runtime's MBean is reachable from outside its module.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {}

    public static void main(String[] args) throws Exception {
        String dump = Coro.run(() -> {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.coro4j:type=EventLoop,name=" + Thread.currentThread().getName());
            for (int i = 0; i < 200 && !server.isRegistered(name); i++) {
                Coro.sleep(Duration.ofMillis(50)); // the registration runs on a thread of its own
            }
            return (String) server.invoke(name, "dumpTasks", null, null);
        });
        System.out.println(dump);
    }
}
