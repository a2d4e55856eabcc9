/**
 * Synchronization primitives and queues for tasks of one event loop: asyncio's {@code asyncio.Lock},
 * {@code Event}, {@code Condition}, {@code Semaphore}, {@code BoundedSemaphore}, {@code Barrier} and
 * {@code Queue}, {@code PriorityQueue}, {@code LifoQueue}, with their exceptions.
 *
 * <p>A package of its own, apart from {@link io.coro4j}, because its names are the familiar ones of
 * {@code java.util.concurrent} ({@code Lock}, {@code Semaphore}, {@code PriorityQueue}) with another
 * meaning: these never block a thread, their waiting methods are {@link io.coro4j.Async @Async} and
 * suspend the calling task. Import them by name.
 *
 * <p>Rules shared by every class here, all asyncio's:
 * <ul>
 *   <li><b>One loop.</b> An object binds to the event loop that first uses it; using it from another loop
 *       or from a thread without a running loop throws {@link java.lang.IllegalStateException}. They are
 *       not thread-safe: from other threads, go through {@code EventLoop.callSoonThreadsafe} or
 *       {@code EventLoop.submit}.</li>
 *   <li><b>Fair.</b> Waiters are served in the order they started waiting (a deque of waiters).</li>
 *   <li><b>Cancel-safe.</b> A task cancelled while it waits throws
 *       {@link java.util.concurrent.CancellationException} and takes nothing with it: a cancelled
 *       {@code get} leaves the item for the next getter, a cancelled {@code acquire} leaves the lock or
 *       the permit for the next waiter, even when the cancel arrives after the wake-up.</li>
 *   <li><b>Java names where Java's are stronger.</b> {@code Object.wait()} and {@code notify()} are final,
 *       so a condition has {@code await()} and {@code signal()}, as {@link java.util.concurrent.locks.Condition}
 *       does; {@code async with lock} is {@code try (var held = lock.hold()) { ... }}; exceptions extend
 *       the {@code java.util} ones ({@code QueueEmptyException} is a {@link java.util.NoSuchElementException}).</li>
 * </ul>
 */
package io.coro4j.sync;
