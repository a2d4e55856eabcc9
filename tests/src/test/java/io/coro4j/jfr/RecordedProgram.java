package io.coro4j.jfr;

import io.coro4j.Coro;
import io.coro4j.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A program for {@link JcmdRecordingTest}, run in a JVM of its own: rounds of coroutine work that make
 * each of the runtime's events (a task that fails, a callback that holds the loop 150 ms, a timer that is
 * late because of it), printing {@code round N} after each, until the file named by its argument exists
 * (at most a minute).
 */
public final class RecordedProgram {
    private RecordedProgram() {}

    public static void main(String[] args) {
        Path stop = Path.of(args[0]);
        Coro.run(() -> {
            for (int round = 1; round <= 300 && !Files.exists(stop); round++) {
                int n = round;
                Task<Void> failing = Coro.createTask(() -> {
                    Coro.sleep(Duration.ofMillis(1));
                    throw new IllegalStateException("round " + n);
                }, "failing-" + round);
                try {
                    failing.join();
                } catch (IllegalStateException expected) {
                    // retrieved
                }
                Coro.getRunningLoop().callLater(Duration.ofMillis(1), () -> { });
                Coro.getRunningLoop().callSoon(() -> block(150)); // a slow step, and the timer is late
                Coro.sleep(Duration.ofMillis(50));
                System.out.println("round " + round);
            }
        });
    }

    private static void block(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
