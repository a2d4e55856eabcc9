package io.coro4j.internal.task;

/**
 * A task body that only calls another object's coroutine (a server connection's task calls the user's
 * handler): the task's {@code getCoro()} and repr name that coroutine and where it stands, as asyncio's
 * repr of a {@code start_server} handler task names the handler, not the library's frame around it.
 */
public interface DelegatingBody {
    /** The object whose coroutine the body runs: a lambda, a method reference or a body of its own. */
    Object coroutine();
}
