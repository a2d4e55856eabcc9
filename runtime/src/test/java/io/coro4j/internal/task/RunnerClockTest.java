package io.coro4j.internal.task;

import io.coro4j.Coro;
import io.coro4j.internal.loop.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coro.run's loop on the clock it is given: the entry point of tests on virtual time. */
class RunnerClockTest {
    private static final long HOUR = Duration.ofHours(1).toNanos();

    @Test
    void theLoopKeepsTheTimeOfTheClockItIsGiven() {
        ManualClock clock = new ManualClock();
        clock.advance(5 * HOUR);
        assertEquals(5 * HOUR, Runner.run(() -> Coro.getRunningLoop().time(), clock, false));
    }

    @Test
    void aTimerAnHourAwayTakesNoRealTimeOnAVirtualClock() {
        ManualClock clock = new ManualClock();
        Completion<?>[] waited = new Completion<?>[1];
        long started = System.nanoTime();
        // main awaits a completion that a timer an hour away completes (main written to the protocol by
        // hand, as the runtime's tests run without the agent: it awaits as its last call)
        long at = Runner.run(() -> {
            if (waited[0] == null) {
                Completion<Long> c = Completion.begin("test");
                waited[0] = c;
                Coro.getRunningLoop().callLater(Duration.ofHours(1), () -> c.complete(Coro.getRunningLoop().time()));
            }
            @SuppressWarnings("unchecked")
            Completion<Long> c = (Completion<Long>) waited[0];
            return c.await();
        }, clock, false);
        assertEquals(HOUR, at);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "no real hour");
    }

    @Test
    void theArgumentsAreChecked() {
        assertEquals("clock", assertThrows(NullPointerException.class,
                () -> Runner.run(() -> 1, null, false)).getMessage());
        assertEquals("main", assertThrows(NullPointerException.class,
                () -> Runner.run((io.coro4j.AsyncCallable<Integer>) null, new ManualClock(), false)).getMessage());
        assertNull(Runner.run(() -> null, new ManualClock(), true));
    }
}
