package io.coro4j.internal.loop;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A channel registered with its loop's selector (the attachment of its {@link SelectionKey}), with
 * asyncio's two slots: the reader (what happens when the channel is readable, or has a connection to
 * accept) and the writer (writable, or connected while a connect is pending).
 *
 * <h2>A slot ({@link #reader}, {@link #writer})</h2>
 *
 * <pre>
 *             setReader(callback)            ready: the callback is queued, and stays
 *   EMPTY -----------------------&gt; CALLBACK ---+
 *    ^ ^ \                          |  ^_______/
 *    | |  \   setReader(waiter)     |  removeReader(callback)
 *    | |   +--------------&gt; WAITER  +--------------------------------&gt; EMPTY
 *    | |                      |  |
 *    | +--ready: told once----+  +--clearReader(waiter): the task stopped waiting (a cancel)--&gt; EMPTY
 * </pre>
 *
 * A persistent callback ({@link Runnable}, asyncio's {@code add_reader}) is queued at every turn that
 * finds the channel ready, until it is removed; a one-shot {@link IoWaiter} (a task's wait) is told once
 * and leaves the slot empty. A slot holds one of them: a second waiter, or a waiter where a callback is,
 * is refused ({@link IllegalStateException}); a callback replaces a callback, as in asyncio.
 *
 * <h2>Interest</h2>
 *
 * <p>The selector's interest set follows the slots, with one exception that saves a system call per
 * message: when a read waiter is told, the read interest stays registered, so that a task reading in a
 * loop (wait, woken, read, wait again) never changes it; the first turn that finds the channel readable
 * with the reader slot empty removes it. Every other interest (write, connect, accept) follows its slot at
 * once: a connected or writable socket is ready nearly always, and would wake the selector at every turn.
 *
 * <p>Loop thread only. Subclasses (a stream's transport) save the object a connection would otherwise
 * pay for; {@link #loopClosing()} is their hook for the loop's close.
 */
public class IoRegistration {
    /** The operations the reader slot waits for. */
    static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    /** The operations the writer slot waits for. */
    static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    /** The loop whose selector holds the channel. */
    protected final LoopCore loop;
    /** The channel's key with the loop's selector; replaced when the selector is rebuilt. */
    SelectionKey key;
    /** The operations registered with the selector now. */
    private int interest;
    /** EMPTY ({@code null}), a callback ({@link Runnable}) or a waiter ({@link IoWaiter}): see the class comment. */
    private Object reader;
    private Object writer;
    /** The loop made the channel (a stream's socket, a server's): it closes it when it closes. */
    private final boolean owned;

    /**
     * Registers {@code channel}, which must be in non-blocking mode, with the selector of {@code loop}
     * (opened now if it is the loop's first channel), with no interest yet.
     *
     * @param owned whether the loop closes the channel when it closes (channels it made: a stream's
     *     socket, a server's); a user's channel is only deregistered
     * @throws ClosedChannelException when the channel is closed
     */
    protected IoRegistration(LoopCore loop, SelectableChannel channel, boolean owned) throws IOException {
        this.loop = loop;
        this.owned = owned;
        this.key = loop.io().register(checkNonBlocking(channel), this);
    }

    /**
     * The registration of {@code channel} with the selector of {@code loop}, made now (not owned by the
     * loop) if the channel has none: how the loop's low-level API ({@code addReader}, {@code sockRecv})
     * finds a user's channel.
     *
     * @throws IllegalArgumentException when the channel is in blocking mode
     * @throws ClosedChannelException when the channel is closed
     */
    public static IoRegistration of(LoopCore loop, SelectableChannel channel) throws IOException {
        IoRegistration found = find(loop, channel);
        return found != null ? found : new IoRegistration(loop, channel, false);
    }

    /** The registration of {@code channel} with the selector of {@code loop}, or {@code null}; opens nothing. */
    public static IoRegistration find(LoopCore loop, SelectableChannel channel) {
        IoPoller poller = loop.ioIfOpen();
        if (poller == null) {
            return null;
        }
        SelectionKey k = poller.keyFor(channel);
        return k != null && k.isValid() && k.attachment() instanceof IoRegistration
                ? (IoRegistration) k.attachment() : null;
    }

    private static SelectableChannel checkNonBlocking(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException(channel + " is in blocking mode: the event loop waits on"
                    + " non-blocking channels only; call configureBlocking(false) on it first");
        }
        return channel;
    }

    /** The channel. */
    public final SelectableChannel channel() {
        return key.channel();
    }

    /** Whether the loop closes the channel when the loop closes. */
    public final boolean owned() {
        return owned;
    }

    /** The reader slot: {@code null}, a callback or a waiter. */
    public final Object reader() {
        return reader;
    }

    /** The writer slot: {@code null}, a callback or a waiter. */
    public final Object writer() {
        return writer;
    }

    /**
     * Fills the reader slot with a persistent callback ({@link Runnable}) or a one-shot {@link IoWaiter};
     * the selector waits for the channel to be readable (or, for a server channel, to have a connection).
     *
     * @throws IllegalStateException when a waiter is there already, or a callback and a waiter meet
     * @throws ClosedChannelException when the channel was closed
     */
    public final void setReader(Object callbackOrWaiter) throws ClosedChannelException {
        reader = fill(reader, callbackOrWaiter, "read from");
        setInterest(interest | (channel().validOps() & READ_OPS));
    }

    /**
     * Fills the writer slot, as {@link #setReader} the reader's: the selector waits for the channel to be
     * writable, or connected when a socket's connect is pending.
     */
    public final void setWriter(Object callbackOrWaiter) throws ClosedChannelException {
        writer = fill(writer, callbackOrWaiter, "write to");
        setInterest((interest & ~WRITE_OPS) | writeOp());
    }

    private Object fill(Object slot, Object next, String what) throws ClosedChannelException {
        if (!(next instanceof Runnable || next instanceof IoWaiter)) {
            throw new IllegalArgumentException("not a callback or a waiter: " + next);
        }
        if (!key.isValid()) {
            throw new ClosedChannelException();
        }
        if (slot != null && slot != next && (slot instanceof IoWaiter || next instanceof IoWaiter)) {
            throw new IllegalStateException((slot instanceof IoWaiter ? "a task is already waiting to "
                    : "a callback is registered to ") + what + " " + channel()
                    + ": one reader and one writer per channel (remove the callback first)");
        }
        return next;
    }

    /** OP_CONNECT while a socket's connect is pending, else OP_WRITE. */
    private int writeOp() {
        SelectableChannel ch = channel();
        return ch instanceof SocketChannel && ((SocketChannel) ch).isConnectionPending()
                ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE & ch.validOps();
    }

    /** Empties the reader slot if it holds {@code expected}; returns whether it did. */
    public final boolean clearReader(Object expected) {
        if (reader != expected || expected == null) {
            return false;
        }
        reader = null;
        if (!(expected instanceof IoWaiter)) {
            setInterest(interest & ~READ_OPS); // a callback removed: nobody reads here any more
        }
        return true;
    }

    /** Empties the writer slot if it holds {@code expected}; returns whether it did. */
    public final boolean clearWriter(Object expected) {
        if (writer != expected || expected == null) {
            return false;
        }
        writer = null;
        setInterest(interest & ~WRITE_OPS);
        return true;
    }

    /** Changes the selector's interest set; a no-op on a key cancelled meanwhile (its channel closed). */
    private void setInterest(int ops) {
        if (ops != interest) {
            interest = ops;
            try {
                key.interestOps(ops);
            } catch (CancelledKeyException e) {
                // the channel was closed: its key leaves the selector at the next select
            }
        }
    }

    /**
     * The selector found the channel ready for {@code readyOps}: a callback is queued, a waiter told (and
     * its slot emptied); an operation nobody waits for any more leaves the interest set. Called by the
     * poller while the loop collects what is ready.
     */
    final void ioReady(int readyOps) {
        int unwanted = 0;
        if ((readyOps & READ_OPS) != 0) {
            Object r = reader;
            if (r == null) {
                unwanted |= READ_OPS;
            } else if (r instanceof IoWaiter) {
                reader = null; // the read interest stays: see the class comment
                ((IoWaiter) r).ioReady();
            } else {
                loop.callSoon((Runnable) r);
            }
        }
        if ((readyOps & WRITE_OPS) != 0) {
            Object w = writer;
            if (w == null) {
                unwanted |= WRITE_OPS;
            } else if (w instanceof IoWaiter) {
                writer = null;
                unwanted |= WRITE_OPS;
                ((IoWaiter) w).ioReady();
            } else {
                loop.callSoon((Runnable) w);
            }
        }
        if (unwanted != 0) {
            setInterest(interest & ~unwanted);
        }
    }

    /** The operations registered with the selector now (for tests and diagnostics). */
    public final int interest() {
        return interest;
    }

    /**
     * The loop is closing: an owned channel is closed, quietly (nothing runs any more to hear of it); a
     * user's channel stays open, and leaves the selector when the selector closes. Overridden by
     * registrations with more to let go of; an override calls this one.
     */
    protected void loopClosing() {
        if (owned) {
            try {
                channel().close();
            } catch (IOException e) {
                // closing at the end of the loop: there is nobody left to tell
            }
        }
    }

    @Override
    public String toString() {
        return "IoRegistration[" + channel() + "]";
    }
}
