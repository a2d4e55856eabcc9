package io.coro4j;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's MBean, through the platform MBean server as {@code jconsole} or a remote JMX client reaches it:
 * registered as {@code io.coro4j:type=EventLoop,name=<thread name>} while the loop runs, its
 * {@code dumpTasks} operation called on a JMX thread answers with the dump taken on the loop, its
 * {@code Debug} attribute switches debug mode, and it is gone once the loop has closed.
 */
class LoopMBeanTest extends StepRecorder {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    /** Registration runs on a thread of its own (the platform server is slow to start): wait for it. */
    private static void awaitRegistered(ObjectName name, boolean registered) throws InterruptedException {
        for (int i = 0; i < 200 && SERVER.isRegistered(name) != registered; i++) {
            Thread.sleep(50);
        }
        assertEquals(registered, SERVER.isRegistered(name), name + (registered ? " registered" : " unregistered"));
    }

    @Async
    static void sleeper() {
        Coro.sleep(FOREVER);
    }

    @Test
    void theDumpOperationAnswersFromAnotherThreadAndTheBeanLeavesWithTheLoop() throws Exception {
        ObjectName name = new ObjectName("io.coro4j:type=EventLoop,name=" + Thread.currentThread().getName());
        Coro.run(() -> {
            Task<Void> sleeper = Coro.createTask(LoopMBeanTest::sleeper, "jmx-sleeper");
            Coro.sleep(ZERO);
            String dump = Coro.toThread(() -> {
                awaitRegistered(name, true);
                return (String) SERVER.invoke(name, "dumpTasks", null, null);
            });
            assertTrue(dump.startsWith("Task dump of the event loop of thread \"" + Thread.currentThread().getName()
                    + "\": 2 pending tasks"), dump);
            assertTrue(dump.contains("\n<Task pending name='jmx-sleeper' coro=<LoopMBeanTest.sleeper() running at"
                    + " LoopMBeanTest.java:"), dump);
            assertTrue(dump.contains("\n   state: waiting on sleep, "), dump);

            assertFalse((Boolean) Coro.toThread(() -> SERVER.getAttribute(name, "Debug")));
            Coro.toThread(() -> {
                SERVER.setAttribute(name, new Attribute("Debug", true));
                SERVER.setAttribute(name, new Attribute("SlowCallbackMillis", 250L));
                return null;
            });
            assertTrue(Coro.getRunningLoop().isDebug());
            assertEquals(ms(250), Coro.getRunningLoop().getSlowCallbackDuration());
            sleeper.cancel();
        });
        awaitRegistered(name, false);
    }

    @Test
    void aThreadWhoseNameIsNotAPlainValueGetsAQuotedName() throws Exception {
        String threadName = "loop, \"odd\"=1";
        ObjectName name = new ObjectName("io.coro4j:type=EventLoop,name=" + ObjectName.quote(threadName));
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                Coro.run(() -> {
                    String state = Coro.toThread(() -> {
                        awaitRegistered(name, true);
                        return (String) SERVER.invoke(name, "dumpTasks", null, null);
                    });
                    assertTrue(state.startsWith("Task dump of the event loop of thread \"" + threadName + "\""), state);
                });
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, threadName);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
        awaitRegistered(name, false);
    }
}
