package io.coro4j.internal.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.AsyncCallable;
import io.coro4j.AsyncRunnable;
import org.junit.jupiter.api.Test;

/** The body check's memory: keyed by the body's class, the outermost frame site's number and its interface. */
class BodyCheckTest {
    /** A body class that is both kinds of body; its own frames would be {@code run()V} and {@code call()...}. */
    private static final class Both implements AsyncRunnable, AsyncCallable<Object> {
        @Override
        public void run() {}

        @Override
        public Object call() {
            return null;
        }
    }

    // numbers no registered frame site has: the memory compares numbers and never looks them up
    private static final int SITE = 1 << 23;
    private static final int OTHER_SITE = SITE + 1;

    @Test
    void aPassedCheckIsRememberedForItsBodyClassSiteAndInterfaceOnly() {
        Object body = new Both();
        assertFalse(BodyCheck.remembered(body, SITE, true));

        assertTrue(BodyCheck.passes(body, SITE, "run()V", true));

        assertTrue(BodyCheck.remembered(new Both(), SITE, true), "another body of the same class");
        assertFalse(BodyCheck.remembered(body, OTHER_SITE, true), "another outermost site");
        assertFalse(BodyCheck.remembered(body, SITE, false), "the same class called as an AsyncCallable");
        assertFalse(BodyCheck.remembered((AsyncRunnable) () -> {}, SITE, true), "another body class");
    }

    @Test
    void aFailedCheckIsNotRemembered() {
        Object body = new Both();

        assertFalse(BodyCheck.passes(body, OTHER_SITE, "helper()V", false));

        assertFalse(BodyCheck.remembered(body, OTHER_SITE, false));
    }
}
