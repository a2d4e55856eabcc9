package io.coro4j.internal.debug;

import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers loop MBeans with the platform MBean server, on a daemon thread of its own: the first use of
 * the platform server costs a few hundred milliseconds, which {@code Coro.run} must not add to a
 * program's start. Registrations and unregistrations run in the order they were asked, so a loop's
 * MBean is gone once the unregistration has run, even if the loop closed before it was registered.
 *
 * <p>The name is {@code io.coro4j:type=EventLoop,name=<thread name>}; two loops at once on threads of
 * the same name get the thread id too ({@code name=<thread name>#<id>}).
 */
final class MBeanRegistrar {
    private static final System.Logger LOG = System.getLogger("io.coro4j.loop");

    private static final class Worker {
        static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "coro4j-jmx");
            t.setDaemon(true);
            return t;
        });
    }

    private MBeanRegistrar() {}

    /** Registers {@code bean} (soon, on the registrar's thread); the returned action unregisters it. */
    static Runnable register(Object bean, String threadName, long threadId) {
        ObjectName[] registered = new ObjectName[1];
        Worker.EXECUTOR.execute(() -> registered[0] = registerNow(bean, threadName, threadId));
        return () -> Worker.EXECUTOR.execute(() -> unregisterNow(registered[0]));
    }

    private static ObjectName registerNow(Object bean, String threadName, long threadId) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            try {
                return server.registerMBean(bean, name(threadName)).getObjectName();
            } catch (InstanceAlreadyExistsException e) {
                return server.registerMBean(bean, name(threadName + "#" + threadId)).getObjectName();
            }
        } catch (JMException | RuntimeException | Error e) {
            LOG.log(Level.WARNING, "could not register the MBean of the event loop of thread " + threadName, e);
            return null;
        }
    }

    private static void unregisterNow(ObjectName name) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not unregister " + name, e);
        }
    }

    /** The MBean name of the loop of thread {@code threadName}, quoted when the name needs it. */
    static ObjectName name(String threadName) throws JMException {
        boolean plain = !threadName.isEmpty() && threadName.chars().noneMatch(c -> ",=:\"*?\n\\".indexOf(c) >= 0);
        return new ObjectName("io.coro4j:type=EventLoop,name=" + (plain ? threadName : ObjectName.quote(threadName)));
    }
}
