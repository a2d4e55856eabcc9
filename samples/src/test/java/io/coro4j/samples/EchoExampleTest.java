package io.coro4j.samples;

import org.junit.jupiter.api.Test;

/**
 * {@link EchoExample}: the client's three lines come back as sent, the client's half-close ends the
 * server's handler, and the server closes once its one connection has ended. Over 127.0.0.1, on a port
 * the system picked, in a JVM of its own (SampleRun bounds it to a minute).
 */
class EchoExampleTest {
    @Test
    void everyLineComesBackThenBothSidesClose() throws Exception {
        SampleRun run = SampleRun.of(EchoExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("EchoExample");
    }
}
