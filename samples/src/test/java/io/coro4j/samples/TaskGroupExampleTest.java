package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.junit.CoroTest;

/**
 * {@link TaskGroupExample}: in the group, the failure of one task cancels the two still running and comes
 * out first, the rollback's failure suppressed by it; under {@code gatherSettled} every task runs to its end.
 * On virtual time: the jobs' sleeps (10, 30 and 100 ms) end in their order at every run, however loaded the
 * machine.
 */
class TaskGroupExampleTest {
    @CoroTest(virtualTime = true)
    void theFirstFailureCancelsTheOthersAndComesOutWithTheRestSuppressed() throws Exception {
        String out = SampleRun.printedBy(TaskGroupExample::main);
        SampleRun.assertOutputMatches("TaskGroupExample", out);

        assertFalse(out.contains("not printed"), out);
        assertTrue(out.lines().anyMatch("  suppressed: transfer failed: rollback impossible"::equals), out);
    }
}
