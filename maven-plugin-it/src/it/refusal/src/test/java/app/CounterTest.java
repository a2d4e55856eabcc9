package app;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.Coro;
import org.junit.jupiter.api.Test;

class CounterTest {
    @Test
    void theRefusedMethodThrowsItsReasonWhenCalled() {
        Counter counter = new Counter();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Coro.run(counter::tick));
        assertTrue(refused.getMessage().startsWith("coro4j refused to rewrite coroutine method"
                + " app.Counter.tick(Counter.java:12): the call to io.coro4j.Coro.sleep at line 13 can suspend"
                + " inside a synchronized block"), refused.getMessage());
    }
}
