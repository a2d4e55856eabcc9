package io.coro4j.junit;

import io.coro4j.Coro;
import java.lang.reflect.Method;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/**
 * A test class the build leaves as compiled (junit/pom.xml excludes it from instrument-test), as when a
 * build forgets the plugin: its @CoroTest must refuse to run, saying how to fix it. Run by
 * {@link FailuresTest} only (tagged {@code fixture}, which surefire leaves alone).
 */
@Tag("fixture")
class NotRewrittenFixture {
    @CoroTest
    void sleeps() {
        Coro.sleep(Duration.ZERO);
    }

    static Method testMethod() {
        try {
            return NotRewrittenFixture.class.getDeclaredMethod("sleeps");
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
