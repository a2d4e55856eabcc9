/**
 * The event loop's core: asyncio's single-threaded scheduler, {@link io.coro4j.internal.loop.LoopCore}
 * and its turn ({@link io.coro4j.internal.loop.LoopCore#runOnce()}), beside its parts: the ready queue,
 * the {@link io.coro4j.internal.loop.TimerQueue}, the thread-safe {@link io.coro4j.internal.loop.Inbox},
 * the selector ({@link io.coro4j.internal.loop.IoPoller}, opened at the loop's first I/O registration, and
 * the {@link io.coro4j.internal.loop.IoRegistration} of each channel, with its reader and writer slots) and
 * the {@link io.coro4j.internal.loop.Clock} (injectable: tests run it on virtual time).
 *
 * <p>The loop knows nothing of coroutines: a task is just a {@link java.lang.Runnable} that resumes
 * itself when it is run, a {@link io.coro4j.internal.loop.Sleeper} while it sleeps, and an
 * {@link io.coro4j.internal.loop.IoWaiter} while it waits for a channel. Internal: user code sees the loop
 * as the public {@code io.coro4j.EventLoop} (implemented over the core by the task package) and through
 * {@code io.coro4j.Coro}.
 */
package io.coro4j.internal.loop;
