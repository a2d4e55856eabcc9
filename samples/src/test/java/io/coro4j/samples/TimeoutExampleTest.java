package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.coro4j.junit.CoroTest;

/**
 * {@link TimeoutExample}: a timeout scope turns its cancellation into a {@code TimeoutException}, a moved
 * deadline lets the work finish, and {@code waitFor} gives a {@code TimeoutException} or, for a task that
 * swallows its cancellation, that task's value. On virtual time: the sample's deadlines and sleeps are tens
 * of milliseconds apart, which a loaded machine could blur in real time (this test flaked so); here they
 * keep their order at every run.
 */
class TimeoutExampleTest {
    @CoroTest(virtualTime = true)
    void deadlinesCancelThenReport() throws Exception {
        String out = SampleRun.printedBy(TimeoutExample::main);
        SampleRun.assertOutputMatches("TimeoutExample", out);

        assertFalse(out.contains("not printed"), out);
    }
}
