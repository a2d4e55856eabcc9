package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link TaskGroupExample}: in the group, the failure of one task cancels the two still running and comes
 * out first, the rollback's failure suppressed by it; under {@code gatherSettled} every task runs to its end.
 */
class TaskGroupExampleTest {
    @Test
    void theFirstFailureCancelsTheOthersAndComesOutWithTheRestSuppressed() throws Exception {
        SampleRun run = SampleRun.of(TaskGroupExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("TaskGroupExample");

        assertFalse(run.stdout.contains("not printed"), run.stdout);
        assertTrue(run.lines().contains("  suppressed: transfer failed: rollback impossible"), run.stdout);
    }
}
