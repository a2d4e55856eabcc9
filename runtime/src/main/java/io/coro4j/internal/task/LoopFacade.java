package io.coro4j.internal.task;

import io.coro4j.AsyncCallable;
import io.coro4j.AsyncRunnable;
import io.coro4j.ExceptionContext;
import io.coro4j.ExceptionHandler;
import io.coro4j.Handle;
import io.coro4j.TimerHandle;
import io.coro4j.internal.debug.ExceptionLog;
import io.coro4j.internal.debug.LoopQuery;
import io.coro4j.internal.loop.CallbackHandle;
import io.coro4j.internal.loop.CallbackTimer;
import io.coro4j.internal.loop.LoopCore;
import io.coro4j.internal.loop.Refusable;

import java.time.Duration;
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
