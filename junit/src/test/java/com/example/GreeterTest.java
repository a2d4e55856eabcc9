package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.EventLoop;
import io.coro4j.Task;
import io.coro4j.junit.CoroTest;
import io.coro4j.junit.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

// The README's coro4j-junit example, as it is printed there (ReadmeExampleTest checks that it still is).
class GreeterTest {
    @Async
    static String greet(String who, Duration delay) {
        Coro.sleep(delay);
        return "hello, " + who;
    }

    @CoroTest  // the test method is the main coroutine of a fresh event loop
    void greetsBoth() {
        Task<String> slow = Coro.createTask(() -> greet("slow", Duration.ofMillis(20)));
        Task<String> fast = Coro.createTask(() -> greet("fast", Duration.ofMillis(10)));
        assertEquals(List.of("hello, slow", "hello, fast"), Coro.gather(slow, fast));
    }

    @CoroTest(virtualTime = true)  // sleeps take no real time
    void greetsTomorrow(TestClock clock, EventLoop loop) {
        Task<String> late = Coro.createTask(() -> greet("tomorrow", Duration.ofDays(1)));
        clock.advanceBy(Duration.ofHours(23));
        assertFalse(late.isDone());
        assertEquals("hello, tomorrow", late.join());  // the clock jumps to the timer: no real day passes
        assertEquals(Duration.ofDays(1).toNanos(), loop.time());
    }

    @CoroTest(virtualTime = true)
    void timesOut() {
        try {  // not assertThrows: its lambda is a plain one, which cannot suspend
            Coro.withTimeout(Duration.ofSeconds(5), () -> greet("never", Duration.ofMinutes(1)));
        } catch (TimeoutException expected) {
            assertEquals(Duration.ofSeconds(5).toNanos(), Coro.getRunningLoop().time());
            return;
        }
        fail("no timeout");
    }
}
