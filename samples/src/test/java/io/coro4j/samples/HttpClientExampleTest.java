package io.coro4j.samples;

import org.junit.jupiter.api.Test;

/**
 * {@link HttpClientExample} against {@link HttpServerExample}'s server: eight paths fetched at once come
 * back in the order asked (200s and 404s), never more than three in flight, over exactly three keep-alive
 * connections (a permit is given back only after its connection is); a request past its deadline gives
 * up; a malformed request line gets 400 and a head past the reader's limit gets 431; the server closes
 * with no connection left. In a JVM of its own, over 127.0.0.1 on a port the system picked.
 */
class HttpClientExampleTest {
    @Test
    void fetchesConcurrentlyWithinTheBoundsAndTheServerRefusesBadRequests() throws Exception {
        SampleRun run = SampleRun.of(HttpClientExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("HttpClientExample");
    }
}
