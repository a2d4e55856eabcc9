package io.coro4j.internal.io;

import io.coro4j.internal.loop.IoRegistration;
import io.coro4j.internal.loop.IoWaiter;
import io.coro4j.internal.task.Completion;
import io.coro4j.internal.task.TaskImpl;

import java.nio.channels.ClosedChannelException;

/**
 * A task waiting for a channel to be ready: the {@link Completion} in one slot of the channel's
 * {@link IoRegistration} (the reader's for read and accept, the writer's for write and connect). The loop
 * completes it when the channel is ready (which queues the task's step); a cancel of the task empties
 * the slot. The task then does the I/O itself: readiness is all it waits for, so a cancel never loses
 * data (nothing was read for it).
 *
 * <pre>
 *   begin(): slot filled --channel ready: the loop tells it--&gt; DONE (slot emptied by the loop), task queued
 *                  |
 *                  +-----the task is cancelled----------------&gt; CANCELLED, slot emptied here (onDone)
 * </pre>
 *
 * <p>In a task dump the task is {@code waiting to read from 127.0.0.1:53412} (to write to, to connect
 * to, to accept on). Loop thread only.
 */
public final class IoWait extends Completion<Void> implements IoWaiter {
    /** What the task waits to do: the words of the dump, before the address. */
    public enum Kind {
        READ("read from"), WRITE("write to"), CONNECT("connect to"), ACCEPT("accept on");

        final String words;

        Kind(String words) {
            this.words = words;
        }

        boolean readerSlot() {
            return this == READ || this == ACCEPT;
        }
    }

    private final IoRegistration registration;
    private final Kind kind;

    private IoWait(TaskImpl<?> task, IoRegistration registration, Kind kind) {
        super(task, "io.coro4j.EventLoop.sock");
        this.registration = registration;
        this.kind = kind;
    }

    /**
     * The running task {@code task} starts waiting for {@code registration}'s channel to be ready for
     * {@code kind}; it must {@link #await()} next.
     *
     * @throws IllegalStateException when another task waits on that slot already, or a callback is there
     * @throws ClosedChannelException when the channel is closed
     */
    public static IoWait begin(TaskImpl<?> task, IoRegistration registration, Kind kind) throws ClosedChannelException {
        IoWait wait = new IoWait(task, registration, kind);
        if (kind.readerSlot()) {
            registration.setReader(wait);
        } else {
            registration.setWriter(wait);
        }
        wait.arm();
        return wait;
    }

    /** The channel is ready: the task's step is queued (a wake-up after a cancel is dropped). */
    @Override
    public void ioReady() {
        tryComplete(null);
    }

    /** Done or cancelled: the slot no longer holds this (the loop empties it when it tells; a cancel here). */
    @Override
    protected void onDone() {
        if (kind.readerSlot()) {
            registration.clearReader(this);
        } else {
            registration.clearWriter(this);
        }
    }

    @Override
    public String describe() {
        return kind.words + " " + (kind == Kind.ACCEPT ? Addresses.localOf(registration.channel())
                : Addresses.peerOf(registration.channel()));
    }

    @Override
    public String waitingState() {
        return "waiting to " + describe();
    }
}
