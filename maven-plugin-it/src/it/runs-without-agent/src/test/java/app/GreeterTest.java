package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.Coro;
import io.coro4j.protocol.Rewritten;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreeterTest {
    @Test
    void theMainClassesSuspendAndResumeWithNoAgent() {
        assertFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().toString().contains("javaagent"));
        assertEquals(List.of("hello, slow", "hello, fast"), Greeter.greetBoth());
        assertTrue(Greeter.class.isAnnotationPresent(Rewritten.class));
    }

    @Test
    void theTestClassesAreRewrittenToo() {
        int[] steps = new int[1];
        int result = Coro.run(() -> {
            for (int i = 0; i < 3; i++) {
                Coro.sleep(Duration.ZERO);
                steps[0]++;
            }
            return 7;
        });
        assertEquals(7, result);
        assertEquals(3, steps[0]);
        assertTrue(GreeterTest.class.isAnnotationPresent(Rewritten.class));
    }
}
