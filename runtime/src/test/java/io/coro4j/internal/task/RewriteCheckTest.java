package io.coro4j.internal.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.AsyncCallable;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.protocol.Rewritten;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * A task refuses a body whose code was never rewritten, at the call that creates it, with what to do;
 * this module's own test classes are rewritten (by the plugin) and pass. The end-to-end case, a jar
 * built without the plugin run without the agent, is {@code io.coro4j.attach.UnrewrittenJarTest}.
 */
class RewriteCheckTest {
    /** A lambda made in a class the rewriter never saw, linked by the JDK's own metafactory. */
    @SuppressWarnings("unchecked")
    private static AsyncCallable<Integer> lambdaOfAClassNeverRewritten() throws Throwable {
        MethodHandles.Lookup lookup = NeverRewritten.lookup();
        return (AsyncCallable<Integer>) LambdaMetafactory.metafactory(lookup, "call",
                MethodType.methodType(AsyncCallable.class), MethodType.methodType(Object.class),
                lookup.findStatic(NeverRewritten.class, "answer", MethodType.methodType(Integer.class)),
                MethodType.methodType(Integer.class)).getTarget().invoke();
    }

    @Test
    void rewrittenBodiesRun() {
        assertTrue(RewriteCheckTest.class.isAnnotationPresent(Rewritten.class), "the plugin marked this class");
        assertEquals(3, Coro.run(() -> {
            Task<Integer> named = Coro.createTask(new Answer());
            Task<Integer> lambda = Coro.createTask(() -> 1);
            return named.join() - 40 + lambda.join();
        }));
    }

    @Test
    void aLambdaTheRewriterNeverSawIsRefusedWhereTheTaskIsCreated() throws Throwable {
        AsyncCallable<Integer> body = lambdaOfAClassNeverRewritten();
        assertFalse(NeverRewritten.class.isAnnotationPresent(Rewritten.class));
        assertEquals(42, body.call(), "a working lambda");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Coro.run(body));

        String message = refused.getMessage();
        assertTrue(message.startsWith("coro4j cannot run a lambda or method reference of "
                + NeverRewritten.class.getName() + " as a task (created at " + RewriteCheckTest.class.getName()
                + ".lambda$aLambdaTheRewriterNeverSawIsRefusedWhereTheTaskIsCreated$"), message);
        assertTrue(message.contains(NeverRewritten.class.getName() + " was never rewritten by coro4j, so its"
                + " coroutines cannot suspend. Rewrite it in one of three ways: add the Maven plugin"
                + " io.coro4j:coro4j-maven-plugin"), message);
        assertTrue(message.contains("-javaagent:coro4j-agent.jar"), message);
        assertTrue(message.contains("java -jar coro4j-agent.jar rewrite"), message);
    }

    @Test
    void aClassWithoutTheMarkIsRefusedAndTheLoopStaysUsable() {
        @SuppressWarnings("unchecked")
        AsyncCallable<Integer> proxy = (AsyncCallable<Integer>) Proxy.newProxyInstance(
                RewriteCheckTest.class.getClassLoader(), new Class<?>[] {AsyncCallable.class},
                (self, method, args) -> 7);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Coro.run(() -> {
            Coro.createTask(proxy);
            return null;
        }));

        assertTrue(refused.getMessage().startsWith("coro4j cannot run coroutine method "
                + proxy.getClass().getName() + ".call() as a task"), refused.getMessage());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> Coro.run(proxy));
        assertTrue(again.getMessage().startsWith("coro4j cannot run coroutine method"), "not remembered as good");
        assertSame(null, Coro.run(() -> null), "the next run works");
    }

    static final class Answer implements AsyncCallable<Integer> {
        @Override
        public Integer call() {
            return 42;
        }
    }
}
