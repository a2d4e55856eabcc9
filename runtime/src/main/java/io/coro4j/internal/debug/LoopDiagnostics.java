package io.coro4j.internal.debug;

import io.coro4j.EventLoop;

import java.time.Duration;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ReflectionException;

/**
 * The JMX face of a running event loop, registered as {@code io.coro4j:type=EventLoop,name=<thread name>}:
 * what {@code jconsole} and {@code jmc} show under {@code io.coro4j}. Its members forward to the loop's
 * public face, which is safe from any thread (the dump hops onto the loop thread and waits with a
 * timeout), since JMX calls come on threads of their own:
 *
 * <ul>
 *   <li>operation {@code dumpTasks()}: the task dump of the loop ({@code EventLoop.dumpTasks()}), or, when
 *       the loop does not answer within a few seconds, a message saying it is blocked, with its thread's
 *       stack;
 *   <li>attribute {@code Debug} (boolean, writable): the loop's debug mode;
 *   <li>attribute {@code SlowCallbackMillis} (long, writable): the slow-callback threshold of debug mode.
 * </ul>
 *
 * <p>A dynamic MBean rather than a standard one: the platform server calls a standard MBean's interface
 * through reflection from a class of no module, which a module's internal package does not admit; a
 * dynamic MBean is called through {@link DynamicMBean}, so the runtime works as a named module and keeps
 * this package to itself.
 */
public final class LoopDiagnostics implements DynamicMBean {
    private static final String DEBUG = "Debug";
    private static final String SLOW_CALLBACK_MILLIS = "SlowCallbackMillis";
    private static final String DUMP_TASKS = "dumpTasks";

    private static final MBeanInfo INFO = new MBeanInfo(LoopDiagnostics.class.getName(),
            "A coro4j event loop: its task dump and its debug mode", new MBeanAttributeInfo[] {
                new MBeanAttributeInfo(DEBUG, "boolean", "Whether the loop is in debug mode (it logs slow"
                        + " callbacks); settable, for instance to find the step that holds a live loop",
                        true, true, true),
                new MBeanAttributeInfo(SLOW_CALLBACK_MILLIS, "long", "The slow-callback threshold of the debug"
                        + " mode, in milliseconds", true, true, false)},
            null, new MBeanOperationInfo[] {
                new MBeanOperationInfo(DUMP_TASKS, "The task dump of the loop: every pending task, its state,"
                        + " what it waits for and its suspended stack", new MBeanParameterInfo[0],
                        String.class.getName(), MBeanOperationInfo.INFO)},
            null);

    private final EventLoop loop;

    private LoopDiagnostics(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Registers {@code loop}, running on {@code thread}, until the returned action is run (when the loop
     * closes). Nothing happens with {@code -Dcoro4j.jmx=false}.
     */
    public static Runnable register(Thread thread, EventLoop loop) {
        if (!DebugMode.JMX) {
            return () -> {};
        }
        return MBeanRegistrar.register(new LoopDiagnostics(loop), thread.getName(), thread.getId());
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        switch (String.valueOf(attribute)) {
            case DEBUG:
                return loop.isDebug();
            case SLOW_CALLBACK_MILLIS:
                return loop.getSlowCallbackDuration().toMillis();
            default:
                throw new AttributeNotFoundException("no attribute " + attribute + " (" + DEBUG + ", "
                        + SLOW_CALLBACK_MILLIS + ")");
        }
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException, InvalidAttributeValueException {
        Object value = attribute.getValue();
        switch (attribute.getName()) {
            case DEBUG:
                if (!(value instanceof Boolean)) {
                    throw new InvalidAttributeValueException(DEBUG + " is a boolean, not " + value);
                }
                loop.setDebug((Boolean) value);
                break;
            case SLOW_CALLBACK_MILLIS:
                if (!(value instanceof Long) || (Long) value < 0) {
                    throw new InvalidAttributeValueException(SLOW_CALLBACK_MILLIS + " is a long, zero or more,"
                            + " not " + value);
                }
                loop.setSlowCallbackDuration(Duration.ofMillis((Long) value));
                break;
            default:
                throw new AttributeNotFoundException("no attribute " + attribute.getName());
        }
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            try {
                list.add(new Attribute(name, getAttribute(name)));
            } catch (AttributeNotFoundException e) {
                // JMX's rule: the attributes that cannot be read are left out
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        AttributeList set = new AttributeList();
        for (Attribute a : attributes.asList()) {
            try {
                setAttribute(a);
                set.add(a);
            } catch (AttributeNotFoundException | InvalidAttributeValueException e) {
                // left out of the answer, as JMX asks
            }
        }
        return set;
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        if (DUMP_TASKS.equals(actionName) && (params == null || params.length == 0)) {
            return loop.dumpTasks();
        }
        throw new ReflectionException(new NoSuchMethodException(actionName), "no operation " + actionName
                + " with " + (params == null ? 0 : params.length) + " parameters (" + DUMP_TASKS + "())");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return INFO;
    }
}
