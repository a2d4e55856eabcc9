package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;

import io.coro4j.Async;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** try-with-resources whose {@code close()} is itself {@code @Async} and suspends. */
public class ExceptionShapes {
    static final class AsyncResource implements AutoCloseable {
        final List<String> log;
        final String name;

        AsyncResource(List<String> log, String name) {
            this.log = log;
            this.name = name;
            log.add("open " + name);
        }

        @Async
        @Override
        public void close() {
            log.add("close " + name + pause(name.length()));
        }
    }

    static final class FailingClose implements AutoCloseable {
        @Async
        @Override
        public void close() throws IOException {
            pause(1);
            throw new IOException("close failed");
        }
    }

    @Async
    public static Object shapeTryWithResourcesWhoseCloseSuspends() {
        List<String> log = new ArrayList<>();
        try (AsyncResource a = new AsyncResource(log, "a");
             AsyncResource b = new AsyncResource(log, "bb" + pause(1))) {
            log.add("body" + pause(2));
        }
        return log;
    }

    @Async
    public static Object shapeCloseSuspendsWhileTheBodyThrows() {
        List<String> log = new ArrayList<>();
        try {
            try (AsyncResource a = new AsyncResource(log, "a")) {
                log.add("body" + pause(1));
                throw new IllegalStateException("body failed");
            }
        } catch (IllegalStateException e) {
            log.add("caught " + e.getMessage() + ", suppressed " + e.getSuppressed().length + pause(3));
        }
        return log;
    }

    @Async
    public static Object shapeCloseThrowsAfterSuspending() {
        try (FailingClose f = new FailingClose()) {
            pause(2);
            throw new IllegalStateException("body");
        } catch (Exception e) {
            return e.getMessage() + "/" + e.getSuppressed()[0].getMessage();
        }
    }

    @Async
    public static Object shapeCloseThrowsAfterANormalBody() {
        try (FailingClose f = new FailingClose()) {
            return "unreached" + pause(2);
        } catch (IOException e) {
            return e.getMessage() + pause(3);
        }
    }
}
