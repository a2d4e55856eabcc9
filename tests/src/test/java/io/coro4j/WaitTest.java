package io.coro4j;

import io.coro4j.junit.CoroTest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * asyncio.wait, as_completed, shield and gather(return_exceptions=True), after test_tasks.py. On virtual
 * time (@CoroTest), so the order in which the tasks' sleeps end is their deadlines', however loaded the
 * machine.
 */
class WaitTest extends StepRecorder {
    @Async
    static <T> T after(Duration delay, T value) {
        Coro.sleep(delay);
        return value;
    }

    @Async
    static <T> T failAfter(Duration delay, RuntimeException e) {
        Coro.sleep(delay);
        throw e;
    }

    // ------------------------------------------------------------------------------------------------
    // wait
    // ------------------------------------------------------------------------------------------------

    @CoroTest(virtualTime = true)
    void waitAllCompletedReturnsEveryTaskDone() throws Exception {
        Task<Integer> a = Coro.createTask(() -> after(ms(10), 1));
        Task<Integer> b = Coro.createTask(() -> after(ms(30), 2));
        WaitResult<Task<Integer>> r = Coro.wait(List.of(a, b), ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(a, b), r.done());
        assertEquals(Set.of(), r.pending());
    }

    @CoroTest(virtualTime = true)
    void waitFirstCompletedReturnsWhenOneIsDoneAndCancelsNothing() throws Exception {
        Task<Integer> slow = Coro.createTask(() -> after(FOREVER, 1));
        Task<Integer> fast = Coro.createTask(() -> after(ms(10), 2));
        WaitResult<Task<Integer>> r = Coro.wait(List.of(slow, fast), ReturnWhen.FIRST_COMPLETED, null);
        assertEquals(Set.of(fast), r.done());
        assertEquals(Set.of(slow), r.pending());
        assertFalse(slow.isDone());
        assertEquals(0, slow.cancelling());
        slow.cancel();
    }

    @CoroTest(virtualTime = true)
    void waitFirstExceptionReturnsAtTheFirstFailureButNotAtACancel() throws Exception {
        Task<Integer> cancelled = Coro.createTask(() -> after(FOREVER, 0));
        Task<Integer> ok = Coro.createTask(() -> after(ms(5), 1));
        Task<Integer> bad = Coro.createTask(() -> failAfter(ms(20), new IllegalStateException("x")));
        Task<Integer> slow = Coro.createTask(() -> after(FOREVER, 3));
        Coro.sleep(ZERO);
        cancelled.cancel();
        WaitResult<Task<Integer>> r = Coro.wait(List.of(cancelled, ok, bad, slow), ReturnWhen.FIRST_EXCEPTION, null);
        assertEquals(List.of(cancelled, ok, bad), new ArrayList<>(r.done()), "in the order given");
        assertEquals(Set.of(slow), r.pending());
        slow.cancel();
    }

    @CoroTest(virtualTime = true)
    void waitFirstExceptionWithoutAFailureWaitsForAll() throws Exception {
        Task<Integer> a = Coro.createTask(() -> after(ms(5), 1));
        Task<Integer> b = Coro.createTask(() -> after(ms(15), 2));
        WaitResult<Task<Integer>> r = Coro.wait(List.of(a, b), ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(a, b), r.done());
    }

    @CoroTest(virtualTime = true)
    void waitTimeoutReturnsThePendingTasksWithoutCancellingThem() throws Exception {
        Task<Integer> slow = Coro.createTask(() -> after(ms(200), 1));
        Task<Integer> fast = Coro.createTask(() -> after(ms(5), 2));
        WaitResult<Task<Integer>> r = Coro.wait(List.of(slow, fast), ReturnWhen.ALL_COMPLETED, ms(40));
        assertEquals(Set.of(fast), r.done());
        assertEquals(Set.of(slow), r.pending());
        assertEquals(0, slow.cancelling(), "asyncio.wait never cancels");
        assertEquals(1, slow.join());
    }

    @CoroTest(virtualTime = true)
    void waitWithANegativeTimeoutReturnsAtOnceWithWhatIsDone() throws Exception {
        Task<Integer> done = Coro.createTask(() -> 1);
        Task<Integer> slow = Coro.createTask(() -> after(FOREVER, 2));
        done.join();
        WaitResult<Task<Integer>> r = Coro.wait(List.of(done, slow), ReturnWhen.ALL_COMPLETED, ms(-5));
        assertEquals(Set.of(done), r.done());
        assertEquals(Set.of(slow), r.pending());
        slow.cancel();
    }

    @CoroTest(virtualTime = true)
    void waitOnTasksAlreadyDoneStillYieldsOnce() throws Exception {
        Task<Integer> a = Coro.createTask(() -> 1);
        a.join();
        Task<Void> other = Coro.createTask(() -> expect(2));
        expect(1);
        WaitResult<Task<Integer>> r = Coro.wait(List.of(a, a), ReturnWhen.FIRST_COMPLETED);
        expect(3);
        assertEquals(Set.of(a), r.done(), "duplicates count once");
        other.join();
        finish(4);
    }

    @CoroTest(virtualTime = true)
    void waitRefusesNothingToWaitForAndNulls() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Coro.wait(List.<Task<?>>of(), ReturnWhen.ALL_COMPLETED));
        Task<Integer> a = Coro.createTask(() -> 1);
        assertEquals("returnWhen", assertThrows(NullPointerException.class,
                () -> Coro.wait(List.of(a), null)).getMessage());
        assertEquals("tasks", assertThrows(NullPointerException.class,
                () -> Coro.wait(null, ReturnWhen.ALL_COMPLETED)).getMessage());
        List<Task<Integer>> withNull = new ArrayList<>();
        withNull.add(a);
        withNull.add(null);
        assertEquals("tasks[1]", assertThrows(NullPointerException.class,
                () -> Coro.wait(withNull, ReturnWhen.ALL_COMPLETED)).getMessage());
    }

    @CoroTest(virtualTime = true)
    void cancellingTheWaiterStopsTheWaitAndLeavesTheTasksRunning() throws Exception {
        Task<Integer> child = Coro.createTask(() -> after(ms(30), 7));
        Task<Void> waiter = Coro.createTask(() -> {
            expect(1);
            try {
                Coro.wait(List.of(child), ReturnWhen.ALL_COMPLETED);
                expectUnreached();
            } catch (CancellationException e) {
                expect(3);
                throw e;
            }
        });
        Coro.sleep(ZERO);
        expect(2);
        waiter.cancel();
        assertThrowsAsync(CancellationException.class, waiter::join);
        expect(4);
        assertFalse(child.isDone());
        assertEquals(7, child.join());
        finish(5);
    }

    @CoroTest(virtualTime = true)
    void waitTakesTasksOfMixedTypes() throws Exception {
        List<Task<?>> tasks = List.of(Coro.createTask(() -> 1), Coro.createTask(() -> "two"));
        WaitResult<Task<?>> r = Coro.wait(tasks, ReturnWhen.ALL_COMPLETED);
        assertEquals(2, r.done().size());
    }

    // ------------------------------------------------------------------------------------------------
    // asCompleted
    // ------------------------------------------------------------------------------------------------

    @CoroTest(virtualTime = true)
    void asCompletedHandsOutTheTasksInTheOrderTheyFinish() throws Exception {
        Task<String> a = Coro.createTask(() -> after(ms(60), "a"));
        Task<String> b = Coro.createTask(() -> after(ms(20), "b"));
        Task<String> c = Coro.createTask(() -> after(ms(40), "c"));
        List<String> got = new ArrayList<>();
        AsCompleted<Task<String>> it = Coro.asCompleted(List.of(a, b, c, b));
        while (it.hasNext()) {
            Task<String> t = it.next();
            assertTrue(t.isDone());
            got.add(t.join());
        }
        assertThrows(NoSuchElementException.class, it::next);
        List<String> order = got;
        assertEquals(List.of("b", "c", "a"), order);
    }

    @CoroTest(virtualTime = true)
    void asCompletedGivesFailedAndCancelledTasksToo() throws Exception {
        Task<String> bad = Coro.createTask(() -> failAfter(ms(5), new IllegalStateException("bad")));
        Task<String> gone = Coro.createTask(() -> after(FOREVER, "never"));
        gone.cancel();
        AsCompleted<Task<String>> it = Coro.asCompleted(List.of(bad, gone));
        assertSame(gone, it.next());
        assertSame(bad, it.next());
        assertFalse(it.hasNext());
        assertEquals("bad", bad.exception().getMessage()); // handed out is not retrieved: asyncio's rule too
    }

    @CoroTest(virtualTime = true)
    void asCompletedThrowsTimeoutExceptionForEachTaskLeftAtTheDeadline() throws Exception {
        Task<String> fast = Coro.createTask(() -> after(ms(5), "fast"));
        Task<String> slow1 = Coro.createTask(() -> after(FOREVER, "slow"));
        Task<String> slow2 = Coro.createTask(() -> after(FOREVER, "slow"));
        AsCompleted<Task<String>> it = Coro.asCompleted(List.of(fast, slow1, slow2), ms(40));
        assertSame(fast, it.next());
        assertThrowsAsync(TimeoutException.class, it::next);
        assertTrue(it.hasNext());
        assertThrowsAsync(TimeoutException.class, it::next);
        assertFalse(it.hasNext());
        assertFalse(slow1.isDone(), "asyncio.as_completed cancels nothing");
        slow1.cancel();
        slow2.cancel();
    }

    @CoroTest(virtualTime = true)
    void asCompletedOfNothingIsEmpty() throws Exception {
        assertFalse(Coro.asCompleted(List.<Task<?>>of(), ms(10)).hasNext());
    }

    @CoroTest(virtualTime = true)
    void aCancelledNextHandsOutNothingAndTheIterationGoesOn() throws Exception {
        Task<String> a = Coro.createTask(() -> after(ms(30), "a"));
        AsCompleted<Task<String>> it = Coro.asCompleted(List.of(a));
        Task<Task<String>> taker = Coro.createTask(it::next);
        Coro.sleep(ZERO);
        taker.cancel();
        assertThrowsAsync(CancellationException.class, taker::join);
        assertTrue(it.hasNext());
        assertSame(a, it.next());
    }

    // ------------------------------------------------------------------------------------------------
    // shield
    // ------------------------------------------------------------------------------------------------

    @CoroTest(virtualTime = true)
    void shieldReturnsTheResult() throws Exception {
        Task<Integer> t = Coro.createTask(() -> after(ms(5), 42));
        assertEquals(42, Coro.shield(t));
        assertEquals(42, Coro.shield(t), "a done task: at once");
    }

    @CoroTest(virtualTime = true)
    void cancellingTheCallerOfShieldDoesNotCancelTheTask() throws Exception {
        Task<Integer> inner = Coro.createTask(() -> after(ms(30), 7));
        Task<Integer> outer = Coro.createTask(() -> {
            expect(1);
            try {
                return Coro.shield(inner);
            } catch (CancellationException e) {
                expect(3);
                throw e;
            }
        });
        Coro.sleep(ZERO);
        expect(2);
        outer.cancel();
        assertThrowsAsync(CancellationException.class, outer::join);
        expect(4);
        assertEquals(0, inner.cancelling());
        assertEquals(7, inner.join());
        finish(5);
    }

    @CoroTest(virtualTime = true)
    void shieldOfATaskCancelledByItselfIsCancelled() throws Exception {
        Task<Integer> inner = Coro.createTask(() -> after(FOREVER, 1));
        Task<Integer> outer = Coro.createTask(() -> Coro.shield(inner));
        Coro.sleep(ZERO);
        inner.cancel("inner");
        assertEquals("inner", assertThrowsAsync(CancellationException.class, outer::join).getMessage());
        assertTrue(outer.isCancelled());
    }

    @CoroTest(virtualTime = true)
    void shieldPassesTheFailureByTheRule() throws Exception {
        Task<Integer> inner = Coro.createTask(() -> {
            throw new IOException("io");
        });
        CompletionException e = assertThrowsAsync(CompletionException.class, () -> Coro.shield(inner));
        assertInstanceOf(IOException.class, e.getCause());
    }

    // ------------------------------------------------------------------------------------------------
    // gatherSettled
    // ------------------------------------------------------------------------------------------------

    @CoroTest(virtualTime = true)
    void gatherSettledReturnsEveryOutcomeInArgumentOrder() throws Exception {
        IllegalStateException boom = new IllegalStateException("boom");
        Task<String> a = Coro.createTask(() -> after(ms(20), "a"));
        Task<String> b = Coro.createTask(() -> failAfter(ms(5), boom));
        Task<String> c = Coro.createTask(() -> after(FOREVER, "c"));
        Task<String> d = Coro.createTask(() -> {
            throw new IOException("checked");
        });
        Coro.sleep(ZERO);
        c.cancel("gone");
        List<Outcome<String>> r = Coro.gatherSettled(a, b, c, d);
        assertEquals(4, r.size());
        assertTrue(r.get(0).isSuccess());
        assertEquals("a", r.get(0).get());
        assertNull(r.get(0).exception());
        assertSame(boom, r.get(1).exception());
        assertSame(boom, assertThrows(IllegalStateException.class, r.get(1)::get));
        assertTrue(r.get(2).isCancelled());
        assertEquals("gone", r.get(2).exception().getMessage());
        assertInstanceOf(IOException.class, r.get(3).exception());
        assertInstanceOf(IOException.class, assertThrows(CompletionException.class, r.get(3)::get).getCause());
        assertTrue(a.isDone(), "a failure did not end the wait early");
    }

    @CoroTest(virtualTime = true)
    void gatherSettledOfACollectionAndOfNothing() throws Exception {
        assertEquals(List.of(), Coro.gatherSettled(List.<Task<String>>of()));
        List<Task<Integer>> ts = List.of(Coro.createTask(() -> 1), Coro.createTask(() -> 2));
        List<Outcome<Integer>> r = Coro.gatherSettled(ts);
        assertEquals(List.of(1, 2), List.of(r.get(0).get(), r.get(1).get()));
    }

    @CoroTest(virtualTime = true)
    void cancellingAGatherSettledCancelsTheChildrenAndThenThrows() throws Exception {
        Task<String> a = Coro.createTask(() -> after(FOREVER, "a"));
        Task<String> b = Coro.createTask(() -> after(FOREVER, "b"));
        Task<List<Outcome<String>>> g = Coro.createTask(() -> Coro.gatherSettled(a, b));
        Coro.sleep(ZERO);
        g.cancel();
        try {
            g.join();
            fail("asyncio propagates the cancellation whatever return_exceptions says");
        } catch (CancellationException expected) {
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
        }
    }
}
