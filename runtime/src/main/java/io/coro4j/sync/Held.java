package io.coro4j.sync;

/**
 * A lock or a permit held by the caller, released when closed: asyncio's {@code async with lock:} is
 * {@code try (var held = lock.hold()) { ... }}. Closing twice releases once.
 */
public final class Held implements AutoCloseable {
    private Runnable release;

    Held(Runnable release) {
        this.release = release;
    }

    /** Releases what {@code hold()} acquired; a second call does nothing. */
    @Override
    public void close() {
        Runnable r = release;
        if (r != null) {
            release = null;
            r.run();
        }
    }
}
