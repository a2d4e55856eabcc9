package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.protocol.Rewritten;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskDumpExample}: the dump names every pending task, what it waits for (a timer, a task, a
 * queue, a lock) and its suspended frames with the sample's own source lines. The one sample that runs
 * with the agent: the plugin leaves it as compiled (samples/pom.xml), and the agent rewrites it.
 */
class TaskDumpExampleTest {
    @Test
    void theDumpShowsEachTaskItsWaitAndItsFrames() throws Exception {
        // left as compiled by the plugin: without the agent rewriting it, its first task would be refused
        assertFalse(TaskDumpExample.class.isAnnotationPresent(Rewritten.class), "left to the agent by the plugin");
        SampleRun run = SampleRun.withAgent(TaskDumpExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("TaskDumpExample");

        assertFalse(run.stdout.contains("never printed"), run.stdout);
    }

    @Test
    void theOtherSamplesAreRewrittenAtBuildTime() {
        for (Class<?> sample : List.of(CurrentTaskExample.class, AllTasksExample.class,
                ProducerConsumerExample.class, TaskGroupExample.class, TimeoutExample.class, EchoExample.class,
                ChatExample.class, ChatExample.ChatRoom.class, HttpServerExample.class, HttpClientExample.class,
                HttpClientExample.Client.class)) {
            assertTrue(sample.isAnnotationPresent(Rewritten.class), sample.getName());
        }
    }
}
