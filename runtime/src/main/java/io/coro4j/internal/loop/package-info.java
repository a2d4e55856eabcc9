/**
 * The event loop: asyncio's single-threaded scheduler, as a small core ({@link
 * io.coro4j.internal.loop.EventLoop#runOnce()}) beside its parts: the ready queue, the
 * {@link io.coro4j.internal.loop.TimerQueue}, the thread-safe {@link io.coro4j.internal.loop.Inbox}
 * and the {@link io.coro4j.internal.loop.Clock}.
 *
 * <p>The loop knows nothing of coroutines: a task is just a {@link java.lang.Runnable} that resumes
 * itself when it is run, and a {@link io.coro4j.internal.loop.Sleeper} while it sleeps. Internal: the public face of the loop is {@code io.coro4j.Coro}.
 */
package io.coro4j.internal.loop;
