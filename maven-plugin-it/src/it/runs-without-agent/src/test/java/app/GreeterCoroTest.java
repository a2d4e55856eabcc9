package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.EventLoop;
import io.coro4j.Task;
import io.coro4j.junit.CoroTest;
import io.coro4j.junit.TestClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** @CoroTest methods, rewritten by the plugin's instrument-test goal: they suspend with no agent. */
class GreeterCoroTest {
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    @Async
    void warmUp() {
        Coro.sleep(Duration.ZERO);
        log.add("set up on the loop");
    }

    @CoroTest
    void theTestMethodIsACoroutine(EventLoop loop) {
        assertTrue(!ManagementFactory.getRuntimeMXBean().getInputArguments().toString().contains("javaagent"));
        assertEquals(List.of("set up on the loop"), log);
        assertEquals("hello, you", Greeter.greet("you", Duration.ofMillis(5)));
        assertEquals(loop, Coro.getRunningLoop());
    }

    @CoroTest(virtualTime = true)
    void anHourPassesOnVirtualTime(TestClock clock) {
        Task<String> late = Coro.createTask(() -> Greeter.greet("later", Duration.ofHours(1)));
        clock.advanceBy(Duration.ofMinutes(59));
        assertTrue(!late.isDone());
        clock.advanceBy(Duration.ofMinutes(1));
        clock.runCurrent();
        assertEquals("hello, later", late.join());
    }
}
