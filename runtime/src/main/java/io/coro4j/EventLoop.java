package io.coro4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The event loop of one thread, as user code sees it (asyncio's {@code asyncio.AbstractEventLoop}):
 * {@link Coro#getRunningLoop()} returns it. A FIFO queue of ready callbacks, timers ordered by time
 * then by the order they were set, a thread-safe door for other threads, and a selector for I/O (opened
 * at the first I/O the loop does).
 *
 * <p>{@link #callSoon}, {@link #callLater} and {@link #callAt} must be called on the loop's thread, as in
 * asyncio; they throw {@link IllegalStateException} elsewhere. {@link #callSoonThreadsafe}, {@link #submit},
 * {@link #runInExecutor}, {@link #time()}, {@link #isRunning()} and {@link #isClosed()} may be called from
 * any thread: they are how other threads talk to the loop. Callbacks never run inside the call that
 * scheduled them; one that throws is handed to the loop's {@link #setExceptionHandler exception handler}
 * (which logs it by default) and the loop goes on. A {@link VirtualMachineError} (out of memory, a stack
 * overflow) is not handled: it stops the loop and leaves {@code Coro.run}, as asyncio lets
 * {@code SystemExit} through; the callbacks it interrupted stay queued.
 *
 * <p>Everything bound to the loop belongs to its thread: its tasks ({@link Task} says which of their
 * methods other threads may call: none while the loop runs, but {@code toString()}), and the
 * synchronization primitives and queues of {@code io.coro4j.sync} used on it. From another thread, reach
 * them through {@link #callSoonThreadsafe} or {@link #submit}.
 *
 * <p><b>I/O.</b> The loop waits on a {@link java.nio.channels.Selector} once it does I/O: the streams of
 * {@code io.coro4j.net} (what most programs want), or the low-level methods here, asyncio's "watching file
 * descriptors" ({@link #addReader}) and "working with socket objects directly" ({@link #sockRecv} and the
 * other {@code sock} methods). They take NIO channels in non-blocking mode (a channel in blocking mode is
 * refused with an {@link IllegalArgumentException}) that belong to the caller: the loop registers them with
 * its selector while they are used and never closes them. The {@code sock} methods are coroutine methods,
 * for a task of this loop: each tries its operation at once and, while the channel cannot take it, waits
 * for it to be ready, so a cancel while waiting loses no byte. One task at a time may wait to read a
 * channel, and one to write it ({@link IllegalStateException} for a second).
 */
public interface EventLoop {
    /**
     * The loop's time in nanoseconds (asyncio's {@code loop.time()}): monotonic, comparable only with
     * other values of this loop's time; what {@link #callAt} takes.
     */
    long time();

    /**
     * Runs {@code callback} at the next turn, after the callbacks already ready (asyncio's
     * {@code loop.call_soon}).
     *
     * @throws IllegalStateException off the loop's thread, or when the loop is closed
     */
    Handle callSoon(Runnable callback);

    /**
     * Runs {@code callback} once {@code delay} has passed (asyncio's {@code loop.call_later}); zero or
     * negative: at the next turn that runs timers. Timers with the same due time run in the order they
     * were set.
     *
     * @throws IllegalStateException off the loop's thread, or when the loop is closed
     */
    TimerHandle callLater(Duration delay, Runnable callback);

    /**
     * Runs {@code callback} when {@link #time()} reaches {@code when} (asyncio's {@code loop.call_at}).
     *
     * @throws IllegalStateException off the loop's thread, or when the loop is closed
     */
    TimerHandle callAt(long when, Runnable callback);

    /**
     * Runs {@code callback} on the loop, from any thread (asyncio's {@code loop.call_soon_threadsafe}):
     * wakes the loop if it waits. Callbacks posted from one thread run in the order they were posted. A
     * callback accepted just before the loop closes, but not run by then, is dropped with the rest of the
     * loop's queue, as asyncio's {@code close()} drops it.
     *
     * @throws IllegalStateException when the loop is closed
     */
    Handle callSoonThreadsafe(Runnable callback);

    /**
     * Runs the blocking {@code call} on {@code executor} (asyncio's {@code loop.run_in_executor}) and returns
     * its future, to await with {@link Coro#await}: the loop goes on meanwhile. A {@code null} executor is
     * the default one of {@link Coro#toThread}. Cancelling the future (a cancel of the task awaiting it
     * does) keeps a call that has not started from starting; one that runs goes on, its result dropped.
     */
    <T> CompletableFuture<T> runInExecutor(Executor executor, Callable<T> call);

    /**
     * Runs {@code body} as a new task of this loop, from any thread, and returns a future of its outcome
     * (asyncio's {@code asyncio.run_coroutine_threadsafe}): the future completes with the task's result,
     * its exception as it was thrown, or a {@code CancellationException} when the task was cancelled.
     * Cancelling the future cancels the task. Never block the loop's own thread on the future: the task
     * could not run. The future always completes: if the loop closes before the task could start or
     * finish, it fails with an {@link IllegalStateException} saying "the event loop was closed".
     *
     * @throws IllegalStateException when the loop is closed
     */
    <T> CompletableFuture<T> submit(AsyncCallable<T> body);

    /** {@link #submit(AsyncCallable)} for a body without a result. */
    CompletableFuture<Void> submit(AsyncRunnable body);

    /** Whether the loop is running (asyncio's {@code loop.is_running()}). From any thread, a hint. */
    boolean isRunning();

    /** Whether the loop is closed (asyncio's {@code loop.is_closed()}): nothing can be scheduled any more. */
    boolean isClosed();

    /**
     * The task dump of this loop, from any thread: every pending task with its state, what it waits on (a
     * sleep and the time left, another task, a gather, a {@code CompletionStage}, a lock or queue) and its
     * suspended stack. See {@link Coro#dumpTasks()} for the format. From another thread the dump is taken
     * on the loop thread between callbacks, and this waits for it at most 5 seconds: a loop blocked in a
     * callback or task step answers with a message saying so and the stack of its thread instead. The
     * same dump is the {@code dumpTasks} operation of the loop's MBean
     * ({@code io.coro4j:type=EventLoop,name=<thread name>}).
     */
    String dumpTasks();

    /** Whether the loop is in debug mode (asyncio's {@code loop.get_debug()}). From any thread. */
    boolean isDebug();

    /**
     * Switches debug mode (asyncio's {@code loop.set_debug()}), from any thread; it takes effect at the next
     * turn. In debug mode every task step and callback that holds the loop longer than
     * {@link #getSlowCallbackDuration()} is logged at {@code WARNING} on the {@code io.coro4j.loop} logger,
     * naming the task and where it now waits. Loops start in debug mode with {@code -Dcoro4j.debug=true}
     * or {@link Coro#run(AsyncCallable, boolean)}.
     */
    void setDebug(boolean debug);

    /**
     * The slow-callback threshold of debug mode (asyncio's {@code loop.slow_callback_duration}): 100 ms
     * unless {@code -Dcoro4j.slowCallbackMillis} says otherwise.
     */
    Duration getSlowCallbackDuration();

    /**
     * Sets the slow-callback threshold of debug mode, from any thread.
     *
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    void setSlowCallbackDuration(Duration duration);

    /**
     * Sets what the loop does with errors nobody else can take (asyncio's
     * {@code loop.set_exception_handler}): see {@link ExceptionHandler}. {@code null} goes back to the
     * default, {@link #defaultExceptionHandler}. From any thread.
     */
    void setExceptionHandler(ExceptionHandler handler);

    /** The handler set with {@link #setExceptionHandler}, or {@code null} for the default (asyncio's {@code loop.get_exception_handler}). */
    ExceptionHandler getExceptionHandler();

    /**
     * Hands {@code context} to the loop's exception handler, or to the default one when none is set
     * (asyncio's {@code loop.call_exception_handler}). A handler that throws is reported by the default
     * one; a {@link VirtualMachineError} goes through.
     *
     * @throws IllegalStateException off the loop's thread
     */
    void callExceptionHandler(ExceptionContext context);

    /**
     * The default handling (asyncio's {@code loop.default_exception_handler}): logs at {@code ERROR} on the
     * {@code io.coro4j.loop} logger the context's text ({@link ExceptionContext#toString()}: the message,
     * then each other entry on a line of its own) with the exception's stack trace. A handler of one's
     * own may call it to log as well. From any thread.
     */
    void defaultExceptionHandler(ExceptionContext context);

    // ------------------------------------------------------------------------------------------------
    // I/O: watching channels (asyncio's add_reader, add_writer)
    // ------------------------------------------------------------------------------------------------

    /**
     * Runs {@code callback} at every turn that finds {@code channel} readable (or, for a
     * {@link ServerSocketChannel}, with a connection to accept), until {@link #removeReader} (asyncio's
     * {@code loop.add_reader}); it replaces the channel's reader callback, if any. The callback runs from
     * the ready queue, like any other; it should read what is there, or it runs again at the next turn.
     *
     * @throws IllegalArgumentException when the channel is in blocking mode
     * @throws IllegalStateException off the loop's thread, when the loop is closed, when a task waits to
     *     read the channel, or when a stream or server of the loop uses it
     * @throws IOException when the channel is closed, or the selector cannot be opened
     */
    void addReader(SelectableChannel channel, Runnable callback) throws IOException;

    /**
     * Stops watching {@code channel} for reading (asyncio's {@code loop.remove_reader}): returns whether a
     * reader callback was registered. A task waiting to read the channel is not touched.
     *
     * @throws IllegalStateException off the loop's thread
     */
    boolean removeReader(SelectableChannel channel);

    /**
     * Runs {@code callback} at every turn that finds {@code channel} writable (or connected, while a
     * {@link SocketChannel}'s connect is pending), until {@link #removeWriter} (asyncio's
     * {@code loop.add_writer}). As {@link #addReader} otherwise.
     */
    void addWriter(SelectableChannel channel, Runnable callback) throws IOException;

    /** Stops watching {@code channel} for writing (asyncio's {@code loop.remove_writer}); as {@link #removeReader}. */
    boolean removeWriter(SelectableChannel channel);

    // ------------------------------------------------------------------------------------------------
    // I/O: sockets directly (asyncio's sock_* methods), from a task of this loop
    // ------------------------------------------------------------------------------------------------

    /**
     * Reads at most {@code n} bytes from {@code channel} (asyncio's {@code loop.sock_recv}): what is there,
     * waiting until something is; an empty array at the end of the stream.
     *
     * @throws IllegalArgumentException when {@code n} is negative
     * @throws IllegalStateException outside a task of this loop
     */
    @Async
    byte[] sockRecv(SocketChannel channel, int n) throws IOException;

    /**
     * Reads into {@code buffer} what is there, waiting until something is (asyncio's
     * {@code loop.sock_recv_into}): the number of bytes read, -1 at the end of the stream, 0 when the
     * buffer has no room.
     */
    @Async
    int sockRecvInto(SocketChannel channel, ByteBuffer buffer) throws IOException;

    /**
     * Writes every remaining byte of {@code data} (asyncio's {@code loop.sock_sendall}), waiting while the
     * socket's buffer is full. A cancel while waiting leaves the bytes not yet sent in {@code data}
     * (its position says how far it got).
     */
    @Async
    void sockSendall(SocketChannel channel, ByteBuffer data) throws IOException;

    /** {@link #sockSendall(SocketChannel, ByteBuffer)} of a whole array. */
    @Async
    void sockSendall(SocketChannel channel, byte[] data) throws IOException;

    /**
     * Sends {@code count} bytes of {@code file} from {@code offset} (a negative count: to the end of the
     * file) through {@link FileChannel#transferTo}, the kernel's {@code sendfile} on Linux (asyncio's
     * {@code loop.sock_sendfile}). Returns the number of bytes sent (fewer when the file is shorter) and
     * leaves the file's position after them, as asyncio does.
     */
    @Async
    long sockSendfile(SocketChannel channel, FileChannel file, long offset, long count) throws IOException;

    /**
     * Connects {@code channel} to {@code address} (asyncio's {@code loop.sock_connect}); an unresolved
     * address is resolved first, off the loop ({@link #getaddrinfo}). A refused connection throws
     * {@link java.net.ConnectException} naming the address; the channel stays the caller's to close, also
     * when a cancel (a timeout) ends the wait.
     */
    @Async
    void sockConnect(SocketChannel channel, SocketAddress address) throws IOException;

    /**
     * Accepts the next connection of {@code server}, waiting until one comes (asyncio's
     * {@code loop.sock_accept}); it is in non-blocking mode, ready for the {@code sock} methods.
     */
    @Async
    SocketChannel sockAccept(ServerSocketChannel server) throws IOException;

    /**
     * The addresses of {@code host} with {@code port} (asyncio's {@code loop.getaddrinfo}), in the
     * resolver's order: looked up on a thread of the default executor, since a lookup blocks; a numeric
     * address needs no lookup.
     *
     * @throws java.net.UnknownHostException when the name does not resolve
     * @throws IllegalArgumentException when the port is out of range
     */
    @Async
    List<InetSocketAddress> getaddrinfo(String host, int port) throws IOException;
}
