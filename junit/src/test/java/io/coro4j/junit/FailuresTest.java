package io.coro4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.Task;
import io.coro4j.sync.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * How a @CoroTest fails: for the tasks it leaves pending and the task exceptions nobody retrieved (with the
 * task dump), past its time limit on virtual or real time (with the dump taken then), and with a clear
 * message when it cannot run. Each case is a test class of its own, run by {@link EngineTestKit}, whose
 * failure is read back; nested and tagged {@code fixture}, so that surefire leaves them alone (see
 * junit/pom.xml).
 */
class FailuresTest {
    /** What the fixtures saw, for the checks after they ran. */
    static final List<String> seen = new ArrayList<>();

    @Tag("fixture")
    static class LeavesATaskPending {
        @CoroTest
        void startsAWorkerAndNeverJoinsIt() {
            Coro.createTask(() -> {
                try {
                    Coro.sleep(Duration.ofMinutes(10));
                } finally {
                    seen.add("the worker was cancelled at the end of the test");
                }
            }, "worker");
            Coro.sleep(Duration.ZERO); // the worker starts its sleep
        }
    }

    @Test
    void aTaskLeftPendingFailsTheTestWithTheTaskDumpAndIsCancelled() {
        seen.clear();
        Throwable failure = failureOf(LeavesATaskPending.class);
        assertInstanceOf(AssertionError.class, failure);
        String message = failure.getMessage();
        assertTrue(message.startsWith("io.coro4j.junit.FailuresTest$LeavesATaskPending.startsAWorkerAndNeverJoinsIt()"
                + " left tasks pending at its end: a @CoroTest must join or cancel every task it starts (they were"
                + " cancelled then). Task dump of the event loop of thread \""), message);
        assertTrue(message.contains("1 pending task"), message);
        assertTrue(message.contains("<Task pending name='worker' coro=<Coro.sleep() running at FailuresTest.java:"), message);
        assertTrue(message.contains("state: waiting on sleep"), message);
        assertTrue(message.contains("\tat io.coro4j.junit.FailuresTest$LeavesATaskPending.lambda$"), message);
        assertEquals(List.of("the worker was cancelled at the end of the test"), seen);
    }

    @Tag("fixture")
    static class FailsATaskNobodyJoins {
        @CoroTest
        void aTaskFailsUnseen() {
            Coro.createTask(() -> {
                throw new IllegalStateException("boom");
            }, "doomed");
            Coro.sleep(Duration.ofMillis(1)); // the task has failed by now; nobody asks it
        }
    }

    @Test
    void aTaskExceptionNobodyRetrievedFailsTheTest() {
        Throwable failure = failureOf(FailsATaskNobodyJoins.class);
        assertInstanceOf(AssertionError.class, failure);
        assertEquals("io.coro4j.junit.FailuresTest$FailsATaskNobodyJoins.aTaskFailsUnseen(): a task failed and"
                + " nobody retrieved the exception (join the task, or read its result() or exception()):\n"
                + "  Task exception was never retrieved: <Task finished name='doomed'"
                + " coro=<FailuresTest$FailsATaskNobodyJoins.aTaskFailsUnseen() done> exception=java.lang.IllegalStateException:"
                + " boom>: java.lang.IllegalStateException: boom", failure.getMessage());
        assertEquals("boom", failure.getCause().getMessage());
    }

    @Tag("fixture")
    static class JoinsTheFailedTask {
        @CoroTest
        void theFailureIsRetrieved() {
            Task<Void> doomed = Coro.createTask(() -> {
                throw new IllegalStateException("boom");
            });
            try {
                doomed.join();
            } catch (IllegalStateException expected) {
                seen.add("caught " + expected.getMessage());
            }
        }
    }

    @Test
    void aTaskExceptionThatWasRetrievedFailsNothing() {
        seen.clear();
        assertNull(failureOrNull(JoinsTheFailedTask.class));
        assertEquals(List.of("caught boom"), seen);
    }

    @Tag("fixture")
    static class SleepsPastItsVirtualLimit {
        @CoroTest(virtualTime = true, virtualTimeout = 10)
        void sleepsAnHour() {
            Coro.sleep(Duration.ofHours(1));
        }
    }

    @Test
    void aTestPastItsVirtualLimitTimesOutAtOnceWithTheDumpOfThatMoment() {
        long started = System.nanoTime();
        Throwable failure = failureOf(SleepsPastItsVirtualLimit.class);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(8).toNanos(), "not ten real seconds");
        assertInstanceOf(TimeoutException.class, failure);
        String message = failure.getMessage();
        assertTrue(message.startsWith("io.coro4j.junit.FailuresTest$SleepsPastItsVirtualLimit.sleepsAnHour() timed"
                + " out after 10 seconds of virtual time (@CoroTest(virtualTimeout = 10, unit = SECONDS)). Task dump of"
                + " the event loop of thread \""), message);
        assertTrue(message.contains("state: waiting on sleep, 3590.000 s left"), message);
        assertTrue(message.contains("\tat io.coro4j.junit.FailuresTest$SleepsPastItsVirtualLimit.sleepsAnHour("), message);
        assertInstanceOf(CancellationException.class, failure.getSuppressed()[0], "how the test's task ended");
    }

    @Tag("fixture")
    static class AdvancesPastItsVirtualLimit {
        @CoroTest(virtualTime = true, virtualTimeout = 10)
        void advancesAnHour(TestClock clock) {
            clock.advanceBy(Duration.ofHours(1));
        }
    }

    @Test
    void advancingTheClockPastTheLimitTimesOutAtTheLimit() {
        Throwable failure = failureOf(AdvancesPastItsVirtualLimit.class);
        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("advancesAnHour() timed out after 10 seconds of virtual time"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("state: waiting on TestClock.advanceBy"), failure.getMessage());
    }

    @Tag("fixture")
    static class AdvancesUntilIdleWithATickerRunning {
        @CoroTest(virtualTime = true, virtualTimeout = 60)
        void neverIdle(TestClock clock) {
            Task<Void> ticker = Coro.createTask(() -> {
                while (true) {
                    Coro.sleep(Duration.ofSeconds(1));
                }
            }, "ticker");
            try {
                clock.advanceUntilIdle();
            } finally {
                ticker.cancel();
            }
        }
    }

    @Test
    void aTickerKeepsTheClockRunningUntilTheVirtualLimit() {
        Throwable failure = failureOf(AdvancesUntilIdleWithATickerRunning.class);
        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("neverIdle() timed out after 60 seconds of virtual time"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("<Task pending name='ticker'"), failure.getMessage());
    }

    @Tag("fixture")
    static class WaitsForAnEventNeverSet {
        @CoroTest(timeout = 300, unit = TimeUnit.MILLISECONDS)
        void waits() {
            new Event().await();
        }
    }

    @Test
    void aTestPastItsRealLimitTimesOut() {
        Throwable failure = failureOf(WaitsForAnEventNeverSet.class);
        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("waits() timed out after 300 milliseconds of real time"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("waiting on Event.await"), failure.getMessage());
    }

    @Tag("fixture")
    static class WaitsOnVirtualTimeForAnotherThreadThatNeverAnswers {
        @CoroTest(virtualTime = true, timeout = 300, unit = TimeUnit.MILLISECONDS)
        void waits() {
            Coro.await(new CompletableFuture<String>());
        }
    }

    @Test
    void onVirtualTimeTheRealTimeLimitStillHolds() {
        Throwable failure = failureOf(WaitsOnVirtualTimeForAnotherThreadThatNeverAnswers.class);
        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("waits() timed out after 300 milliseconds of real time"),
                failure.getMessage());
    }

    @Tag("fixture")
    static class AsksForATestClockOnRealTime {
        @CoroTest
        void wantsTheClock(TestClock clock) {
            seen.add("ran");
        }
    }

    @Test
    void aTestClockOnRealTimeIsRefused() {
        seen.clear();
        Throwable failure = failureOf(AsksForATestClockOnRealTime.class);
        assertInstanceOf(ParameterResolutionException.class, failure);
        assertEquals("A TestClock moves virtual time, and wantsTheClock runs on real time: write"
                + " @CoroTest(virtualTime = true)", failure.getMessage());
        assertEquals(List.of(), seen);
    }

    @Test
    void aTestClassThatWasNotRewrittenIsRefusedWithWhatToDo() {
        Throwable failure = failureOf(NotRewrittenFixture.class);
        assertInstanceOf(IllegalStateException.class, failure);
        assertEquals(CoroExtension.notRewritten(NotRewrittenFixture.testMethod()), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("The @CoroTest io.coro4j.junit.NotRewrittenFixture.sleeps()"
                + " cannot run: io.coro4j.junit.NotRewrittenFixture was not rewritten by coro4j, so its coroutines"
                + " cannot suspend. Add the goal instrument-test of the Maven plugin"), failure.getMessage());
    }

    @Tag("fixture")
    static class SetUpFails {
        @BeforeEach
        @Async
        void setUp() {
            Coro.sleep(Duration.ZERO);
            throw new IllegalArgumentException("no fixture");
        }

        @CoroTest
        void neverRuns() {
            seen.add("the test ran");
        }

        @AfterEach
        @Async
        void tearDown() {
            Coro.sleep(Duration.ZERO);
            seen.add("torn down");
        }
    }

    @Test
    void aFailingSetUpFailsTheTestAsThrownAndTheTearDownStillRunsOnTheLoop() {
        seen.clear();
        Throwable failure = failureOf(SetUpFails.class);
        assertInstanceOf(IllegalArgumentException.class, failure);
        assertEquals("no fixture", failure.getMessage());
        assertEquals(List.of("torn down"), seen);
    }

    @Tag("fixture")
    static class PlainSetUpSuspends {
        @BeforeEach
        void setUp() {
            Coro.sleep(Duration.ZERO);
        }

        @CoroTest
        void test() {}
    }

    @Test
    void aLifecycleMethodThatSuspendsMustBeAsync() {
        Throwable failure = failureOf(PlainSetUpSuspends.class);
        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(failure.getMessage().startsWith("Coro.sleep was called from"
                + " io.coro4j.junit.FailuresTest$PlainSetUpSuspends.setUp(FailuresTest.java:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("a plain method (not @Async), which cannot suspend: make it @Async"),
                failure.getMessage());
    }

    @Tag("fixture")
    static class ThrowsACheckedException {
        @CoroTest
        void throwsIt() throws Exception {
            Coro.sleep(Duration.ZERO);
            throw new java.io.IOException("disk full");
        }
    }

    @Test
    void whatTheTestThrowsFailsItAsThrown() {
        Throwable failure = failureOf(ThrowsACheckedException.class);
        assertInstanceOf(java.io.IOException.class, failure);
        assertEquals("disk full", failure.getMessage());
    }

    /** The one failure of the fixture's one test. */
    static Throwable failureOf(Class<?> fixture) {
        Throwable failure = failureOrNull(fixture);
        if (failure == null) {
            throw new AssertionError(fixture.getSimpleName() + " passed");
        }
        return failure;
    }

    static Throwable failureOrNull(Class<?> fixture) {
        List<TestExecutionResult> results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .execute().testEvents().finished().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class)).collect(Collectors.toList());
        assertEquals(1, results.size(), results.toString());
        return results.get(0).getThrowable().orElse(null);
    }
}
