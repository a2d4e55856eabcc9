package io.coro4j;

import io.coro4j.internal.loop.Clock;
import io.coro4j.internal.task.Runner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A main coroutine run on a loop with an injected clock (the internal entry point a JUnit extension with
 * virtual time uses): sleeps and timeouts of hours take no real time, and keep their order.
 */
class VirtualTimeRunTest extends StepRecorder {
    /** Virtual time: a timed wait jumps the clock to its end; an untimed one really parks. */
    private static final class JumpingClock implements Clock {
        private volatile long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void park(Object blocker, long nanos) {
            if (nanos < 0) {
                LockSupport.park(blocker);
            } else {
                now += nanos;
            }
        }
    }

    @Test
    void hoursOfSleepsAndTimeoutsTakeNoRealTimeAndKeepTheirOrder() {
        long started = System.nanoTime();
        long end = Runner.run(() -> {
            Task<Void> late = Coro.createTask(() -> {
                Coro.sleep(Duration.ofHours(2));
                expect(3);
            });
            Task<Void> early = Coro.createTask(() -> {
                Coro.sleep(Duration.ofHours(1));
                expect(2);
            });
            expect(1);
            Coro.gather(late, early);
            try {
                Coro.withTimeout(Duration.ofHours(3), () -> Coro.sleep(Duration.ofDays(1)));
                expectUnreached();
            } catch (TimeoutException e) {
                expect(4);
            }
            return Coro.getRunningLoop().time();
        }, new JumpingClock(), false);
        finish(5);
        assertEquals(Duration.ofHours(5).toNanos(), end);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "no real hours");
    }
}
