package io.coro4j;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Coro#wait(java.util.Collection, ReturnWhen, java.time.Duration)} returns: asyncio's
 * {@code (done, pending)} pair. Each set is unmodifiable and keeps the order in which the tasks were
 * given.
 *
 * @param done the tasks that were done when the wait returned
 * @param pending the tasks that were not
 * @param <T> the type of the tasks
 */
public record WaitResult<T>(Set<T> done, Set<T> pending) {
    public WaitResult {
        done = Collections.unmodifiableSet(Objects.requireNonNull(done, "done"));
        pending = Collections.unmodifiableSet(Objects.requireNonNull(pending, "pending"));
    }
}
