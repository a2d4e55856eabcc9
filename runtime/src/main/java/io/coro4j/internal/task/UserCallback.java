package io.coro4j.internal.task;

import io.coro4j.ExceptionContext;
import io.coro4j.Task;

import java.util.function.Consumer;

/** A user's done callback: scheduled when the task is done, then called with it. */
final class UserCallback<T> implements DoneListener, Runnable {
    private final TaskImpl<T> task;
    private final Consumer<? super Task<T>> callback;

    UserCallback(TaskImpl<T> task, Consumer<? super Task<T>> callback) {
        this.task = task;
        this.callback = callback;
    }

    @Override
    public void taskDone(TaskImpl<?> done) {
        task.loop().callSoon(this);
    }

    @Override
    public void run() {
        try {
            callback.accept(task);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            task.loop().callExceptionHandler(ExceptionContext.of("Exception in done callback " + callback
                    + " of " + task.name(), e).with(ExceptionContext.TASK, task)
                    .with(ExceptionContext.CALLBACK, callback));
        }
    }

    @Override
    public String toString() {
        return "done callback " + callback + " of " + task.name();
    }
}
