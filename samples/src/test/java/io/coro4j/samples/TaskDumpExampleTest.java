package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * {@link TaskDumpExample}: the dump names every pending task, what it waits for (a timer, a task, a
 * queue, a lock) and its suspended frames with the sample's own source lines.
 */
class TaskDumpExampleTest {
    @Test
    void theDumpShowsEachTaskItsWaitAndItsFrames() throws Exception {
        SampleRun run = SampleRun.of(TaskDumpExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("TaskDumpExample");

        assertFalse(run.stdout.contains("never printed"), run.stdout);
    }
}
