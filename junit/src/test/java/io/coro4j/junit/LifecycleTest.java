package io.coro4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.EventLoop;
import io.coro4j.Task;
import io.coro4j.protocol.Rewritten;
import io.coro4j.sync.Queue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A @CoroTest method is the main coroutine of a loop made for its test, and its @BeforeEach and @AfterEach
 * methods run on the same loop, each as the main task in turn, with the tasks they start running on in
 * between (IsolatedAsyncioTestCase's asyncSetUp and asyncTearDown).
 */
class LifecycleTest {
    private final List<String> log = new ArrayList<>();
    private EventLoop loopOfSetUp;
    private Task<Void> server;
    private Queue<String> requests;

    @BeforeEach
    @Async
    void startAServer(EventLoop loop) {
        loopOfSetUp = loop;
        assertSame(loop, Coro.getRunningLoop());
        requests = new Queue<>(0);
        server = Coro.createTask(() -> {
            while (true) {
                log.add("served " + requests.get());
                requests.taskDone();
            }
        }, "server");
        Coro.sleep(Duration.ZERO); // the server starts, and waits for a request
        log.add("set up");
    }

    @AfterEach
    @Async
    void stopTheServer(EventLoop loop) {
        assertSame(loopOfSetUp, loop, "one loop for the whole test");
        server.cancel();
        try {
            server.join();
        } catch (CancellationException e) {
            log.add("torn down");
        }
        assertEquals(List.of("set up", "served a", "served b", "torn down"), log);
    }

    @CoroTest
    void theTestRunsOnTheLoopOfItsSetUpWhoseTasksRunOn(EventLoop loop) {
        assertSame(loopOfSetUp, loop);
        assertSame(loop, Coro.getRunningLoop());
        assertNotNull(Coro.currentTask(), "the test method runs as a task");
        assertFalse(server.isDone());
        assertTrue(LifecycleTest.class.isAnnotationPresent(Rewritten.class), "rewritten at build time");
        requests.put("a");
        requests.put("b");
        requests.join(); // suspends until the server has served both
    }
}
