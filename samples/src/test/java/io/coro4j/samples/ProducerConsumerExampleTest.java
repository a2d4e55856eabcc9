package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coro4j.EventLoop;
import io.coro4j.junit.CoroTest;
import java.time.Duration;

/**
 * {@link ProducerConsumerExample} prints every put and every item processed, in the order the queue
 * serves its waiters, then both consumers stopping on the shut down queue. On virtual time: in real time a
 * cold JVM starved of CPU could let a consumer's sleep end before the main task printed its line (this
 * test flaked so); here the order is the same at every run.
 */
class ProducerConsumerExampleTest {
    @CoroTest(virtualTime = true)
    void processesEveryItemThenStopsTheConsumers(EventLoop loop) throws Exception {
        String out = SampleRun.printedBy(ProducerConsumerExample::main);
        SampleRun.assertOutputMatches("ProducerConsumerExample", out);

        // each of the four items is processed exactly once, two at a time: two rounds of 100 ms
        assertEquals(4, out.lines().filter(line -> line.contains(" processes ")).count(), out);
        assertEquals(Duration.ofMillis(200).toNanos(), loop.time());
    }
}
