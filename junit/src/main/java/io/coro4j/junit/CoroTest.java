package io.coro4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit test whose method is the main coroutine of a fresh event loop, as asyncio's
 * {@code IsolatedAsyncioTestCase} and kotlinx-coroutines-test's {@code runTest} run theirs: the method may
 * suspend ({@code Coro.sleep}, {@code join}, {@code gather}...) as an {@code @Async} method does, and it
 * is one (the coro4j rewriter knows this annotation by name).
 *
 * <pre>{@code
 * @CoroTest(virtualTime = true)
 * void retriesAfterASecond(TestClock clock) {
 *     Task<String> call = Coro.createTask(() -> client.fetchWithRetry());
 *     clock.advanceBy(Duration.ofSeconds(1));   // no real second passes
 *     assertEquals(2, server.calls());
 *     assertEquals("ok", call.join());
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>One loop per test.</b> The loop is made on the test's thread before its {@code @BeforeEach}
 *       methods; each {@code @BeforeEach} method, the test and each {@code @AfterEach} method run on it in
 *       turn, each as the main task until it is done (tasks it started run on while the next method runs).
 *       A lifecycle method that suspends must be {@code @Async} itself. {@code @BeforeAll} and
 *       {@code @AfterAll} run outside any loop.
 *   <li><b>Nothing left behind.</b> The test fails, with the task dump in its message, when tasks are still
 *       pending after its last {@code @AfterEach} (they are cancelled then), or when a task failed and
 *       nobody retrieved its exception ({@code join}, {@code result}, {@code exception}, {@code gather}).
 *   <li><b>A time limit</b>, {@link #timeout()} (60 seconds), for each method on the loop, and on virtual
 *       time {@link #virtualTimeout()} too: past it, the method's task is cancelled and the test fails with
 *       a {@code java.util.concurrent.TimeoutException} holding the task dump taken when the limit passed.
 *   <li><b>Virtual time</b>, opt-in ({@link #virtualTime()}): sleeps and timeouts take no real time, the
 *       clock jumps to the next timer when every task waits, and a {@link TestClock} parameter moves it.
 *   <li><b>Parameters</b>: the test and its lifecycle methods may take the loop
 *       ({@link io.coro4j.EventLoop}) and, on virtual time, the {@link TestClock}.
 *   <li><b>Rewritten or refused.</b> The test class must have been rewritten by coro4j (the Maven
 *       plugin's {@code instrument-test} goal, or the agent): if not, the test fails at once and says how.
 * </ul>
 *
 * <p>Put the annotation on the method itself: the rewriter knows it by name and does not look through
 * a composed annotation (one that carries {@code @CoroTest} works for JUnit, but then add {@code @Async}
 * to the method too).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(CoroExtension.class)
public @interface CoroTest {
    /**
     * Run on virtual time: the loop's clock ({@code EventLoop.time()}, and every sleep, timeout and timer)
     * moves only when every task waits, straight to the next timer, so an hour of sleeps takes no real
     * time and keeps its order. For code that waits on timers: an await of another thread's work or of a
     * socket does not move the clock (a timer elsewhere jumps ahead of it instead).
     */
    boolean virtualTime() default false;

    /**
     * The time limit of each method run on the loop (each lifecycle method, and the test), on real time, in
     * {@link #unit()}s: past it, the method's task is cancelled and the test fails. On virtual time as well:
     * it stops a test that waits for something no timer brings (another thread, a task that never ends)
     * and one whose tasks keep the clock running (a ticker). Zero or less: none.
     */
    long timeout() default 60;

    /**
     * On virtual time, a limit on virtual time too, in {@link #unit()}s (whichever of the two limits passes
     * first fails the test): past it, the test fails at once, in the same order of events at every run.
     * Zero or less, the default: none (a test may sleep for days of virtual time).
     */
    long virtualTimeout() default 0;

    /** The unit of {@link #timeout()} and {@link #virtualTimeout()}. */
    TimeUnit unit() default TimeUnit.SECONDS;
}
