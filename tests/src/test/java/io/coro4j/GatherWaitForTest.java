package io.coro4j;

import io.coro4j.junit.CoroTest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * asyncio.gather (return_exceptions=False) and asyncio.wait_for. On virtual time (@CoroTest), so the
 * order in which the tasks' sleeps end is their deadlines', however loaded the machine.
 */
class GatherWaitForTest extends StepRecorder {
    @Async
    static <T> T after(Duration delay, T value) {
        Coro.sleep(delay);
        return value;
    }

    // ------------------------------------------------------------------------------------------------
    // gather
    // ------------------------------------------------------------------------------------------------

    @CoroTest(virtualTime = true)
    void gatherReturnsTheResultsInArgumentOrder() throws Exception {
        Task<Integer> a = Coro.createTask(() -> after(ms(60), 1));
        Task<Integer> b = Coro.createTask(() -> after(ms(20), 2));
        Task<Integer> c = Coro.createTask(() -> after(ms(40), 3));
        List<Integer> results = Coro.gather(a, b, c);
        assertEquals(List.of(1, 2, 3), results);
    }

    @CoroTest(virtualTime = true)
    void gatherTakesACollection() throws Exception {
        List<Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "t" + i;
            Duration delay = ms(50 - 10 * i); // the last ends first
            tasks.add(Coro.createTask(() -> after(delay, name)));
        }
        List<String> results = Coro.gather(tasks);
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), results);
    }

    @CoroTest(virtualTime = true)
    void gatherOfTasksAlreadyDoneStillWorks() throws Exception {
        Task<Integer> a = Coro.createTask(() -> 1);
        Task<Integer> b = Coro.createTask(() -> 2);
        a.join();
        b.join();
        assertEquals(List.of(1, 2), Coro.gather(a, b));
        assertEquals(List.of(1, 1), Coro.gather(a, a));
    }

    @CoroTest(virtualTime = true)
    void gatherOfNothingReturnsAnEmptyListWithoutSuspending() throws Exception {
        Task<Void> t = Coro.createTask(() -> expect(2));
        assertEquals(List.of(), Coro.gather());
        assertEquals(List.of(), Coro.gather(new ArrayList<Task<Integer>>()));
        expect(1);
        t.join();
        finish(3);
    }

    @CoroTest(virtualTime = true)
    void gatherRethrowsTheFirstFailureAsSoonAsItIsKnownAndTheOthersRunOn() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<Integer> slow = Coro.createTask(() -> after(ms(300), 1));
        Task<Integer> failing = Coro.createTask(() -> {
            Coro.sleep(ms(10));
            throw boom;
        });
        Task<Integer> failingLater = Coro.createTask(() -> {
            Coro.sleep(ms(50));
            throw new IllegalStateException("later");
        });
        try {
            Coro.gather(slow, failing, failingLater);
            fail("no failure");
        } catch (IllegalStateException e) {
            assertSame(boom, e, "the first failure, as it was thrown");
        }
        assertFalse(slow.isDone(), "rethrown as soon as known, not after the others");
        assertEquals(1, slow.join(), "the others are not cancelled");
        assertFalse(failingLater.isCancelled());
    }

    @CoroTest(virtualTime = true)
    void gatherWrapsACheckedFailure() throws Exception {
        IOException io = new IOException("io");
        Task<Integer> ok = Coro.createTask(() -> 1);
        Task<Integer> failing = Coro.createTask(() -> {
            throw io;
        });
        try {
            Coro.gather(ok, failing);
            fail("no failure");
        } catch (CompletionException e) {
            assertSame(io, e.getCause());
        }
    }

    @CoroTest(virtualTime = true)
    void gatherOfACancelledChildThrowsCancellation() throws Exception {
        Task<Integer> a = Coro.createTask(() -> after(FOREVER, 1));
        Task<Integer> b = Coro.createTask(() -> after(ms(10), 2));
        a.cancel("child");
        try {
            Coro.gather(a, b);
            fail("no failure");
        } catch (CancellationException e) {
            assertEquals("child", e.getMessage());
        }
        assertEquals(2, b.join(), "the other child runs on");
    }

    @CoroTest(virtualTime = true)
    void cancellingTheGatheringTaskCancelsTheChildren() throws Exception {
        Task<Integer> c1 = Coro.createTask(() -> after(FOREVER, 1));
        Task<Integer> c2 = Coro.createTask(() -> after(FOREVER, 2));
        Task<List<Integer>> gathering = Coro.createTask(() -> Coro.gather(c1, c2));
        Coro.sleep(ZERO);
        assertTrue(gathering.cancel("enough"));
        try {
            gathering.join();
            fail("not cancelled");
        } catch (CancellationException e) {
            assertEquals("enough", e.getMessage());
        }
        assertTrue(gathering.isCancelled());
        assertTrue(c1.isCancelled());
        assertTrue(c2.isCancelled());
    }

    // ------------------------------------------------------------------------------------------------
    // waitFor
    // ------------------------------------------------------------------------------------------------

    @CoroTest(virtualTime = true)
    void waitForReturnsTheValueOfATaskThatEndsInTime() throws Exception {
        int value = Coro.waitFor(Coro.createTask(() -> after(ms(10), 7)), Duration.ofSeconds(10));
        assertEquals(7, value);
    }

    @CoroTest(virtualTime = true)
    void waitForWithANullTimeoutWaitsLikeJoin() throws Exception {
        int value = Coro.waitFor(Coro.createTask(() -> after(ms(10), 8)), null);
        assertEquals(8, value);
    }

    @CoroTest(virtualTime = true)
    void waitForCancelsTheTaskOnTimeoutWaitsForItAndThrowsTimeout() throws Exception {
        List<String> log = new ArrayList<>();
        Task<Void> slow = Coro.createTask(() -> {
            try {
                Coro.sleep(FOREVER);
            } finally {
                log.add("slow finally");
            }
        });
        long start = Coro.getRunningLoop().time();
        try {
            Coro.waitFor(slow, ms(30));
            fail("no timeout");
        } catch (TimeoutException e) {
            assertEquals(List.of("slow finally"), log, "waited for the task to end");
        }
        assertEquals(ms(30).toNanos(), Coro.getRunningLoop().time() - start, "on virtual time: exactly the timeout");
        assertTrue(slow.isCancelled());
    }

    @CoroTest(virtualTime = true)
    void waitForReturnsTheValueOfATaskThatSwallowsTheTimeoutCancel() throws Exception {
        Task<String> stubborn = Coro.createTask(() -> {
            try {
                Coro.sleep(FOREVER);
                return "slept";
            } catch (CancellationException e) {
                return "swallowed";
            }
        });
        String value = Coro.waitFor(stubborn, ms(20));
        assertEquals("swallowed", value);
    }

    @CoroTest(virtualTime = true)
    void waitForWithZeroOrNegativeTimeout() throws Exception {
        Task<Integer> done = Coro.createTask(() -> 1);
        done.join();
        assertEquals(1, Coro.waitFor(done, Duration.ZERO));
        assertEquals(1, Coro.waitFor(done, ms(-1)));
        Task<Integer> pending = Coro.createTask(() -> after(FOREVER, 2));
        try {
            Coro.waitFor(pending, Duration.ZERO);
            fail("no timeout");
        } catch (TimeoutException e) {
            assertTrue(pending.isCancelled());
        }
        Task<Integer> pending2 = Coro.createTask(() -> after(FOREVER, 3));
        Coro.sleep(ZERO);
        try {
            Coro.waitFor(pending2, ms(-5));
            fail("no timeout");
        } catch (TimeoutException e) {
            assertTrue(pending2.isCancelled());
        }
    }

    @CoroTest(virtualTime = true)
    void waitForRethrowsTheFailureOfTheTask() throws Exception {
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        Task<Integer> failing = Coro.createTask(() -> {
            Coro.sleep(ms(5));
            throw bad;
        });
        try {
            Coro.waitFor(failing, Duration.ofSeconds(10));
            fail("no failure");
        } catch (IllegalArgumentException e) {
            assertSame(bad, e);
        }
    }

    @CoroTest(virtualTime = true)
    void aCallerCancelledInWaitForCancelsTheTaskWaitsAndRethrows() throws Exception {
        List<String> log = new ArrayList<>();
        Task<Void> inner = Coro.createTask(() -> {
            try {
                Coro.sleep(FOREVER);
            } finally {
                log.add("inner finally");
            }
        });
        Task<Void> waiter = Coro.createTask(() -> {
            try {
                Coro.waitFor(inner, Duration.ofSeconds(30));
                expectUnreached();
            } catch (TimeoutException e) {
                expectUnreached();
            }
        });
        Coro.sleep(ZERO);
        waiter.cancel("caller");
        try {
            waiter.join();
            fail("not cancelled");
        } catch (CancellationException e) {
            assertEquals("caller", e.getMessage());
        }
        assertTrue(inner.isCancelled());
        assertTrue(waiter.isCancelled());
        assertEquals(List.of("inner finally"), log);
    }
}
