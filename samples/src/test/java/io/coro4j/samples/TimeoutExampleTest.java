package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * {@link TimeoutExample}: a timeout scope turns its cancellation into a {@code TimeoutException}, a moved
 * deadline lets the work finish, and {@code waitFor} gives a {@code TimeoutException} or, for a task that
 * swallows its cancellation, that task's value.
 */
class TimeoutExampleTest {
    @Test
    void deadlinesCancelThenReport() throws Exception {
        SampleRun run = SampleRun.of(TimeoutExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("TimeoutExample");

        assertFalse(run.stdout.contains("not printed"), run.stdout);
    }
}
