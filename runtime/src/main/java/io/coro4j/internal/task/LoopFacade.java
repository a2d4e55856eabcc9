package io.coro4j.internal.task;

import io.coro4j.Async;
import io.coro4j.AsyncCallable;
import io.coro4j.AsyncRunnable;
import io.coro4j.ExceptionContext;
import io.coro4j.ExceptionHandler;
import io.coro4j.Handle;
import io.coro4j.TimerHandle;
import io.coro4j.internal.debug.ExceptionLog;
import io.coro4j.internal.io.Sockets;
import io.coro4j.internal.debug.LoopQuery;
import io.coro4j.internal.loop.CallbackHandle;
import io.coro4j.internal.loop.CallbackTimer;
import io.coro4j.internal.loop.IoRegistration;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Refusable;

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
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The public face ({@link io.coro4j.EventLoop}) of an internal {@link LoopCore}: one per loop, made by
 * {@link #of}. Checks what the internal loop only asserts (the calling thread), and adds what needs tasks
 * ({@code submit}) or threads ({@code runInExecutor}).
 */
public final class LoopFacade implements io.coro4j.EventLoop {
    /** How long a thread that asks for a dump waits for the loop to take it. */
    private static final Duration DUMP_TIMEOUT = Duration.ofSeconds(5);

    private final LoopCore loop;

    private LoopFacade(LoopCore loop) {
        this.loop = loop;
    }

    /** The public face of {@code loop}, the loop of the calling thread. */
    public static io.coro4j.EventLoop of(LoopCore loop) {
        return loop.publicView(LoopFacade::new);
    }

    @Override
    public long time() {
        return loop.time();
    }

    @Override
    public Handle callSoon(Runnable callback) {
        CallbackHandle handle = new CallbackHandle(Objects.requireNonNull(callback, "callback"));
        checkLoopThread("callSoon");
        loop.callSoon(handle);
        return handle;
    }

    @Override
    public TimerHandle callLater(Duration delay, Runnable callback) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(callback, "callback");
        checkLoopThread("callLater");
        return loop.schedule(new CallbackTimer(loop, callback), loop.deadlineAfter(LoopCore.toNanos(delay)));
    }

    @Override
    public TimerHandle callAt(long when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkLoopThread("callAt");
        return loop.schedule(new CallbackTimer(loop, callback), when);
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        CallbackHandle handle = new CallbackHandle(Objects.requireNonNull(callback, "callback"));
        loop.callSoonThreadsafe(handle);
        return handle;
    }

    @Override
    public <T> CompletableFuture<T> runInExecutor(Executor executor, Callable<T> call) {
        return BlockingCalls.run(executor, call);
    }

    @Override
    public <T> CompletableFuture<T> submit(AsyncCallable<T> body) {
        Objects.requireNonNull(body, "body");
        return FutureBridge.submit(loop, () -> TaskImpl.start(loop, body, null));
    }

    @Override
    public CompletableFuture<Void> submit(AsyncRunnable body) {
        Objects.requireNonNull(body, "body");
        return FutureBridge.submit(loop, () -> TaskImpl.start(loop, body, null));
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public boolean isClosed() {
        return loop.isClosed();
    }

    @Override
    public String dumpTasks() {
        if (loop.inLoopThread()) {
            return TaskDump.of(loop);
        }
        return LoopQuery.ask(loop.thread(), (asking, refused) -> loop.offerThreadsafe(Refusable.of(asking, refused)),
                () -> TaskDump.of(loop), DUMP_TIMEOUT);
    }

    @Override
    public boolean isDebug() {
        return loop.isDebug();
    }

    @Override
    public void setDebug(boolean debug) {
        loop.setDebug(debug);
    }

    @Override
    public Duration getSlowCallbackDuration() {
        return Duration.ofNanos(loop.slowCallbackNanos());
    }

    @Override
    public void setSlowCallbackDuration(Duration duration) {
        loop.setSlowCallbackNanos(LoopCore.toNanos(Objects.requireNonNull(duration, "duration")));
    }

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        loop.setExceptionHandler(handler);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return loop.exceptionHandler();
    }

    @Override
    public void callExceptionHandler(ExceptionContext context) {
        Objects.requireNonNull(context, "context");
        if (!loop.inLoopThread()) {
            throw new IllegalStateException("EventLoop.callExceptionHandler called from thread "
                    + Thread.currentThread().getName() + ", not the loop's: from other threads use"
                    + " callSoonThreadsafe(() -> loop.callExceptionHandler(context))");
        }
        loop.callExceptionHandler(context);
    }

    @Override
    public void defaultExceptionHandler(ExceptionContext context) {
        ExceptionLog.log(Objects.requireNonNull(context, "context"));
    }

    @Override
    public void addReader(SelectableChannel channel, Runnable callback) throws IOException {
        watch(channel, callback, true, "addReader");
    }

    @Override
    public void addWriter(SelectableChannel channel, Runnable callback) throws IOException {
        watch(channel, callback, false, "addWriter");
    }

    private void watch(SelectableChannel channel, Runnable callback, boolean reader, String method)
            throws IOException {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(callback, "callback");
        checkLoopThread(method);
        IoRegistration registration = IoRegistration.of(loop, channel);
        if (registration.owned()) {
            throw new IllegalStateException(method + " on " + channel + ", which a stream or server of this"
                    + " event loop uses: its reads and writes are the stream's");
        }
        Object replaced = reader ? registration.reader() : registration.writer();
        Runnable handle = new CallbackHandle(callback);
        if (reader) {
            registration.setReader(handle);
        } else {
            registration.setWriter(handle);
        }
        if (replaced instanceof CallbackHandle) {
            ((CallbackHandle) replaced).cancel(); // as asyncio: a turn that queued it already skips it
        }
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        return unwatch(channel, true, "removeReader");
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        return unwatch(channel, false, "removeWriter");
    }

    private boolean unwatch(SelectableChannel channel, boolean reader, String method) {
        Objects.requireNonNull(channel, "channel");
        if (!loop.inLoopThread()) {
            checkLoopThread(method);
        }
        if (loop.isClosed()) {
            return false; // as asyncio's: nothing is watched any more
        }
        IoRegistration registration = IoRegistration.find(loop, channel);
        if (registration == null || registration.owned()) {
            return false;
        }
        Object slot = reader ? registration.reader() : registration.writer();
        if (!(slot instanceof CallbackHandle)) {
            return false; // nothing watched; a task's wait is the task's
        }
        ((CallbackHandle) slot).cancel(); // a turn that queued it already skips it
        return reader ? registration.clearReader(slot) : registration.clearWriter(slot);
    }

    @Async
    @Override
    public byte[] sockRecv(SocketChannel channel, int n) throws IOException {
        return Sockets.recv(loop, channel, n);
    }

    @Async
    @Override
    public int sockRecvInto(SocketChannel channel, ByteBuffer buffer) throws IOException {
        return Sockets.recvInto(loop, channel, buffer);
    }

    @Async
    @Override
    public void sockSendall(SocketChannel channel, ByteBuffer data) throws IOException {
        Sockets.sendall(loop, channel, data);
    }

    @Async
    @Override
    public void sockSendall(SocketChannel channel, byte[] data) throws IOException {
        Sockets.sendall(loop, channel, ByteBuffer.wrap(Objects.requireNonNull(data, "data")));
    }

    @Async
    @Override
    public long sockSendfile(SocketChannel channel, FileChannel file, long offset, long count) throws IOException {
        return Sockets.sendfile(loop, channel, file, offset, count);
    }

    @Async
    @Override
    public void sockConnect(SocketChannel channel, SocketAddress address) throws IOException {
        Sockets.connect(loop, channel, address);
    }

    @Async
    @Override
    public SocketChannel sockAccept(ServerSocketChannel server) throws IOException {
        return Sockets.accept(loop, server);
    }

    @Async
    @Override
    public List<InetSocketAddress> getaddrinfo(String host, int port) throws IOException {
        return Sockets.getaddrinfo(loop, host, port);
    }

    private void checkLoopThread(String method) {
        if (!loop.inLoopThread()) {
            throw new IllegalStateException("EventLoop." + method + " called from thread "
                    + Thread.currentThread().getName() + ", not the loop's: from other threads use"
                    + " callSoonThreadsafe or submit");
        }
        if (loop.isClosed()) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    @Override
    public String toString() {
        return loop.toString();
    }
}
