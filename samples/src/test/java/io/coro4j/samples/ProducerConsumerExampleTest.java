package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link ProducerConsumerExample} prints every put and every item processed, in the order the queue
 * serves its waiters, then both consumers stopping on the shut down queue.
 */
class ProducerConsumerExampleTest {
    @Test
    void processesEveryItemThenStopsTheConsumers() throws Exception {
        SampleRun run = SampleRun.of(ProducerConsumerExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("ProducerConsumerExample");

        // each of the four items is processed exactly once
        long processed = run.lines().stream().filter(line -> line.contains(" processes ")).count();
        assertEquals(4, processed, run.stdout);
    }
}
