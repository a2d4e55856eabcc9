package io.coro4j;

import io.coro4j.junit.CoroTest;
import io.coro4j.junit.TestClock;
import io.coro4j.sync.Event;
import io.coro4j.sync.Lock;
import io.coro4j.sync.Queue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code allTasks()}, the task dump and {@code Coro.run}'s cleanup find a pending task wherever it is:
 * not started, with a step queued, running, asleep (in the timer queue, or due with its wake-up queued),
 * waiting on a task, a future, an event, a queue, a lock, with a timeout, cancelled but not yet run, or
 * made from another thread; always in creation order, named and unnamed alike.
 */
class AllTasksTest extends StepRecorder {
    private static List<Task<?>> all() {
        return new ArrayList<>(Coro.allTasks());
    }

    @Test
    void everyPendingStateIsListedInCreationOrder() {
        Coro.run(() -> {
            Task<?> main = Coro.currentTask();
            CompletableFuture<String> stage = new CompletableFuture<>();
            Event event = new Event();
            Queue<String> queue = new Queue<>();
            Lock lock = new Lock();
            lock.acquire();
            Task<Void> sleeper = Coro.createTask(() -> Coro.sleep(FOREVER), "sleeper");
            Task<Void> yielder = Coro.createTask(() -> {
                while (true) {
                    Coro.sleep(ZERO);
                }
            });
            Task<Void> joiner = Coro.createTask(() -> sleeper.join(), "joiner");
            Task<String> awaiter = Coro.createTask(() -> Coro.await(stage));
            Task<Void> eventWaiter = Coro.createTask(event::await, "event");
            Task<String> getter = Coro.createTask(queue::get);
            Task<Void> locker = Coro.createTask(lock::acquire, "locker");
            Task<Void> timed = Coro.createTask(() -> Coro.waitFor(sleeper, FOREVER));
            Task<Void> scoped = Coro.createTask(() -> Coro.withTimeout(FOREVER, () -> Coro.sleep(FOREVER)), "scoped");
            Task<Void> cancelled = Coro.createTask(() -> Coro.sleep(FOREVER), "cancelled");
            Task<Integer> quick = Coro.createTask(() -> 1);
            List<Task<?>> made = List.of(main, sleeper, yielder, joiner, awaiter, eventWaiter, getter, locker, timed,
                    scoped, cancelled, quick);
            assertEquals(made, all(), "not started: their first step is queued");

            Coro.sleep(ZERO); // each ran its first step: now asleep, waiting, or done (quick)
            cancelled.cancel(); // its step is queued to throw the CancellationException, not run yet
            Task<Void> fresh = Coro.createTask(() -> Coro.sleep(FOREVER), "fresh");
            Task<Void> freshCancelled = Coro.createTask(() -> Coro.sleep(FOREVER));
            freshCancelled.cancel();
            List<Task<?>> pending = new ArrayList<>(made);
            pending.remove(quick);
            pending.add(fresh);
            pending.add(freshCancelled);
            assertTrue(quick.isDone());
            assertEquals(pending, all());
            assertTrue(Coro.dumpTasks().contains(": " + pending.size() + " pending tasks, "), Coro.dumpTasks());

            Coro.sleep(ZERO); // the cancelled ones end; fresh falls asleep
            pending.remove(cancelled);
            pending.remove(freshCancelled);
            assertEquals(pending, all());
            assertTrue(cancelled.isCancelled() && freshCancelled.isCancelled());

            event.set(); // the event waiter's step is queued
            queue.putNowait("x");
            stage.complete("done");
            lock.release();
            Coro.gather(eventWaiter, getter, awaiter, locker);
            pending.removeAll(List.of(eventWaiter, getter, awaiter, locker));
            assertEquals(pending, all());
            for (Task<?> t : pending.subList(1, pending.size())) {
                t.cancel();
            }
            Coro.gatherSettled(pending.subList(1, pending.size()));
            assertEquals(List.of(main), all());
        });
    }

    @Test
    void namedAndUnnamedTasksKeepTheirCreationOrderAndRenamingChangesNothing() {
        Coro.run(() -> {
            Task<?> main = Coro.currentTask();
            List<Task<?>> made = new ArrayList<>();
            made.add(main);
            made.add(Coro.createTask(() -> Coro.sleep(FOREVER), "a"));
            made.add(Coro.createTask(() -> Coro.sleep(FOREVER)));
            made.add(Coro.createTask(() -> Coro.sleep(FOREVER), "b"));
            made.add(Coro.createTask(() -> Coro.sleep(FOREVER), "c"));
            made.add(Coro.createTask(() -> Coro.sleep(FOREVER)));
            Task<Void> renamed = Coro.createTask(() -> Coro.sleep(FOREVER));
            made.add(renamed);
            made.add(Coro.createTask(() -> Coro.sleep(FOREVER), "d"));
            renamed.setName("renamed");
            made.get(1).setName("a2");
            assertEquals(made, all());
            Coro.sleep(ZERO);
            assertEquals(made, all(), "asleep now");
            for (Task<?> t : made.subList(1, made.size())) {
                t.cancel();
            }
            Coro.gatherSettled(made.subList(1, made.size()));
            assertEquals("renamed", renamed.getName());
        });
    }

    @CoroTest(virtualTime = true)
    void aSleepThatIsDueButWhoseWakeUpHasNotRunIsListed(TestClock clock) throws Exception {
        List<String> seen = new ArrayList<>();
        Task<Void> sleeper = Coro.createTask(() -> Coro.sleep(ms(5)), "sleeper");
        // due before the sleeper's deadline: runs in the same turn, just before the sleeper's wake-up
        Coro.getRunningLoop().callLater(ms(5), () -> {
            expect(1);
            seen.add(all().toString());
            seen.add(Coro.dumpTasks());
        });
        Coro.sleep(ZERO); // the sleeper falls asleep
        clock.blockFor(ms(30)); // blocks the loop: both deadlines pass
        sleeper.join();
        finish(2);
        assertEquals(1, seen.get(0).split("name='sleeper'").length - 1, seen.get(0));
        assertTrue(seen.get(1).contains("name='sleeper'") && seen.get(1).contains("state: waiting on sleep, due"),
                seen.get(1));
    }

    @Test
    void aTaskSubmittedFromAnotherThreadIsListedOnceItExists() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            CompletableFuture<Void> submitted = Coro.toThread(() -> loop.submit(() -> Coro.sleep(FOREVER)));
            // another thread posts it (not virtual time: that thread's pace is real): up to 10 s, however loaded
            for (int i = 0; i < 10_000 && Coro.allTasks().size() < 2; i++) {
                Coro.sleep(ms(1)); // the posted callback makes the task at a later turn
            }
            assertEquals(2, Coro.allTasks().size());
            assertTrue(Coro.dumpTasks().contains("state: waiting on sleep, "), Coro.dumpTasks());
            submitted.cancel(false); // cancels the task
            for (int i = 0; i < 10_000 && Coro.allTasks().size() > 1; i++) {
                Coro.sleep(ms(1));
            }
            assertEquals(List.of(Coro.currentTask()), all());
        });
    }

    @Test
    void coroRunCancelsTheLeftoverTasksInCreationOrderWhateverTheyWaitOn() {
        List<String> ended = Collections.synchronizedList(new ArrayList<>());
        List<Task<?>> leftovers = new ArrayList<>();
        Coro.run(() -> {
            Event never = new Event();
            CompletableFuture<Void> nobody = new CompletableFuture<>();
            leftovers.add(Coro.createTask(() -> {
                try {
                    never.await();
                } finally {
                    ended.add("event");
                }
            }, "event"));
            leftovers.add(Coro.createTask(() -> {
                try {
                    Coro.sleep(FOREVER);
                } finally {
                    ended.add("sleeper");
                }
            }));
            leftovers.add(Coro.createTask(() -> {
                try {
                    Coro.await(nobody);
                } finally {
                    ended.add("awaiter");
                }
            }, "awaiter"));
            Coro.sleep(ZERO); // each waits now; main ends
        });
        assertEquals(List.of("event", "sleeper", "awaiter"), ended);
        for (Task<?> t : leftovers) {
            assertTrue(t.isCancelled(), t.toString());
        }
    }
}
