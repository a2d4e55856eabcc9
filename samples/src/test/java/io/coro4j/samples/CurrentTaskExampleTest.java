package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link CurrentTaskExample} prints its own task: Task-1, pending, running main at a line of its file. */
class CurrentTaskExampleTest {
    @Test
    void printsTheMainTask() throws Exception {
        SampleRun run = SampleRun.of(CurrentTaskExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("CurrentTaskExample");

        String task = run.lines().get(1);
        assertTrue(task.contains("'Task-1'"), task);
        assertTrue(task.contains("main()"), task);
        assertTrue(task.contains("CurrentTaskExample.java:"), task);
    }
}
