package io.coro4j.junit;

import io.coro4j.EventLoop;
import io.coro4j.ExceptionContext;
import io.coro4j.internal.testing.TestLoop;
import io.coro4j.protocol.Rewritten;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link CoroTest} registers: it makes the test's loop before the {@code @BeforeEach} methods
 * ({@link #beforeEach}), runs those, the test and the {@code @AfterEach} methods on it instead of letting
 * JUnit call them ({@link InvocationInterceptor}: the invocation is skipped, and the loop calls the same
 * method with the same arguments as the main task), injects the loop and the {@link TestClock}, and after
 * the last {@code @AfterEach} method fails the test for what it left behind and closes the loop
 * ({@link #afterEach}). A test method without {@code @CoroTest} is left to JUnit.
 */
public final class CoroExtension implements BeforeEachCallback, AfterEachCallback, InvocationInterceptor,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CoroExtension.class);
    private static final String SESSION = "session";

    /** One test's loop and settings; closes the loop if the test ends without {@link #afterEach}. */
    private static final class Session implements ExtensionContext.Store.CloseableResource {
        final TestLoop loop;
        final CoroTest settings;
        final long realLimitNanos;
        final long virtualLimitNanos;
        TestClock clock;
        boolean closed;

        Session(TestLoop loop, CoroTest settings) {
            this.loop = loop;
            this.settings = settings;
            this.realLimitNanos = settings.timeout() <= 0 ? 0 : settings.unit().toNanos(settings.timeout());
            this.virtualLimitNanos = settings.virtualTimeout() <= 0 ? 0
                    : settings.unit().toNanos(settings.virtualTimeout());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                loop.close();
            }
        }
    }

    /** Made by JUnit for {@link CoroTest}. */
    public CoroExtension() {}

    @Override
    public void beforeEach(ExtensionContext context) {
        Method test = context.getRequiredTestMethod();
        Optional<CoroTest> settings = AnnotationSupport.findAnnotation(test, CoroTest.class);
        if (settings.isEmpty()) {
            return; // registered on a class: its plain tests stay JUnit's
        }
        if (!test.getDeclaringClass().isAnnotationPresent(Rewritten.class)) {
            throw new IllegalStateException(notRewritten(test));
        }
        Session session = new Session(TestLoop.open(settings.get().virtualTime()), settings.get());
        context.getStore(NAMESPACE).put(SESSION, session);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                          ExtensionContext context) throws Throwable {
        runOnTheLoop(invocation, call, context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        runOnTheLoop(invocation, call, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        runOnTheLoop(invocation, call, context);
    }

    /**
     * Runs the method JUnit was about to call as the main task of the test's loop, with the receiver and
     * arguments JUnit resolved. A lifecycle method of a class coro4j did not rewrite (a base class from a
     * library) cannot suspend: JUnit calls it as usual.
     */
    private static void runOnTheLoop(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                     ExtensionContext context) throws Throwable {
        Session session = session(context);
        Method method = call.getExecutable();
        if (session == null || !method.getDeclaringClass().isAnnotationPresent(Rewritten.class)) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        try {
            session.loop.run(method, call.getTarget().orElse(null), call.getArguments().toArray(),
                    session.realLimitNanos, session.virtualLimitNanos);
        } catch (TestLoop.TimedOut e) {
            throw timedOut(method, session.settings, e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Session session = context.getStore(NAMESPACE).remove(SESSION, Session.class);
        if (session == null) {
            return;
        }
        try {
            TestLoop.Leftovers left = session.loop.finish(session.realLimitNanos, session.virtualLimitNanos);
            if (!left.isEmpty()) {
                throw leftBehind(context.getRequiredTestMethod(), left);
            }
        } finally {
            session.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == EventLoop.class || type == TestClock.class) && context.getTestMethod()
                .map(m -> AnnotationSupport.isAnnotated(m, CoroTest.class)).orElse(false);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Session session = session(context);
        Class<?> type = parameter.getParameter().getType();
        if (session == null) {
            throw new ParameterResolutionException("A " + type.getSimpleName() + " is made for each @CoroTest"
                    + " method, when it starts: take it as a parameter of the test method or of a @BeforeEach"
                    + " or @AfterEach method, not of " + parameter.getDeclaringExecutable());
        }
        if (type == EventLoop.class) {
            return session.loop.eventLoop();
        }
        if (!session.loop.isVirtual()) {
            throw new ParameterResolutionException("A TestClock moves virtual time, and "
                    + context.getRequiredTestMethod().getName() + " runs on real time: write"
                    + " @CoroTest(virtualTime = true)");
        }
        if (session.clock == null) {
            session.clock = new TestClock(session.loop);
        }
        return session.clock;
    }

    private static Session session(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(SESSION, Session.class);
    }

    // ------------------------------------------------------------------------------------------------
    // The words of the failures
    // ------------------------------------------------------------------------------------------------

    private static String name(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "()";
    }

    static String notRewritten(Method test) {
        String cls = test.getDeclaringClass().getName();
        return "The @CoroTest " + name(test) + " cannot run: " + cls + " was not rewritten by coro4j, so its"
                + " coroutines cannot suspend. Add the goal instrument-test of the Maven plugin"
                + " io.coro4j:coro4j-maven-plugin to the build (it rewrites target/test-classes after"
                + " test-compile), or run the tests with the agent (surefire's"
                + " <argLine>-javaagent:coro4j-agent.jar</argLine>). An IDE that builds and runs the tests"
                + " itself must delegate the build to Maven, or add -javaagent:coro4j-agent.jar to the run"
                + " configuration (docs/testing.md)";
    }

    private static TimeoutException timedOut(Method method, CoroTest settings, TestLoop.TimedOut e) {
        long limit = e.onVirtualTime() ? settings.virtualTimeout() : settings.timeout();
        String unit = settings.unit().name().toLowerCase(Locale.ROOT);
        TimeoutException timeout = new TimeoutException(name(method) + " timed out after " + limit + " "
                + (limit == 1 ? unit.substring(0, unit.length() - 1) : unit) + " of "
                + (e.onVirtualTime() ? "virtual" : "real") + " time (@CoroTest("
                + (e.onVirtualTime() ? "virtualTimeout" : "timeout") + " = " + limit + ", unit = "
                + settings.unit() + ")). " + e.dump().stripTrailing());
        for (Throwable s : e.getSuppressed()) {
            timeout.addSuppressed(s);
        }
        return timeout;
    }

    private static AssertionError leftBehind(Method test, TestLoop.Leftovers left) {
        StringBuilder b = new StringBuilder(name(test));
        if (left.pendingDump() != null) {
            b.append(" left tasks pending at its end: a @CoroTest must join or cancel every task it starts"
                    + " (they were cancelled then). ").append(left.pendingDump().stripTrailing());
        }
        if (left.ignoredCancel() > 0) {
            b.append(left.pendingDump() != null ? "\n\n" : " ").append(left.ignoredCancel())
                    .append(left.ignoredCancel() == 1 ? " task" : " tasks")
                    .append(" went on after it was cancelled at the end of the test, until the time limit");
        }
        List<ExceptionContext> failures = left.failures();
        if (!failures.isEmpty()) {
            b.append(left.pendingDump() != null || left.ignoredCancel() > 0 ? "\n\n" : ": ")
                    .append(failures.size() == 1 ? "a task failed" : failures.size() + " tasks failed")
                    .append(" and nobody retrieved the exception (join the task, or read its result() or"
                            + " exception()):");
            for (ExceptionContext f : failures) {
                b.append("\n  ").append(f.message()).append(": ").append(f.exception());
            }
        }
        AssertionError error = new AssertionError(b.toString(), failures.isEmpty() ? null : failures.get(0).exception());
        for (int i = 1; i < failures.size(); i++) {
            error.addSuppressed(failures.get(i).exception());
        }
        return error;
    }
}
