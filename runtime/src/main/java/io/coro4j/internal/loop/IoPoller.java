package io.coro4j.internal.loop;

import io.coro4j.ExceptionContext;

import io.coro4j.internal.jfr.Flight;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The loop's selector (asyncio's selector, Netty's {@code NioIoHandler}): opened by {@link LoopCore#io()} at
 * the loop's first I/O registration, so that a loop that does no I/O keeps its plain park. It waits for
 * I/O, a post from another thread ({@link #wakeup()}, which {@link Inbox} calls only while the loop
 * selects) or the next timer; it collects the ready keys, and hands them to their {@link IoRegistration}s
 * when {@link LoopCore} says, after the posts of the turn ({@link #dispatch()}).
 *
 * <h2>A selector that spins</h2>
 *
 * <p>Some JDKs' and kernels' epoll selectors (JDK-6670302, JDK-6403933) start returning at once with
 * nothing selected, forever, burning a core. As Netty does, a select that returns early with nothing
 * selected, no post waiting and no interrupt is counted as premature; after
 * {@code -Dcoro4j.selectorAutoRebuildThreshold} of them in a row (512 by default, Netty's; 0 or less turns
 * it off), the selector is rebuilt: a new one takes every key, with its interest and registration, and the
 * old one is closed ({@link #rebuild}, which logs it). A select that throws is rebuilt after too.
 *
 * <h2>Time</h2>
 *
 * <p>On the real clock, a timed wait is {@code select(millis)}, rounded up to the next millisecond (as
 * asyncio rounds up epoll's timeout): a loop with I/O fires its timers with millisecond precision. On a
 * virtual clock ({@code Runner.run(main, clock, debug)}), the loop polls the selector and, when nothing is
 * ready, lets the clock jump to its next timer; with no timer it waits for I/O in real time.
 *
 * <p>Loop thread only, but {@link #wakeup()}.
 */
public final class IoPoller implements Consumer<SelectionKey> {
    private static final System.Logger LOG = System.getLogger("io.coro4j.loop");
    /** The property that sets the number of premature returns in a row that rebuilds the selector. */
    public static final String REBUILD_THRESHOLD_PROPERTY = "coro4j.selectorAutoRebuildThreshold";
    /** The size of the loop's scratch buffer. */
    public static final int SCRATCH_BYTES = 64 * 1024;

    private final LoopCore loop;
    private final int rebuildThreshold;
    /** Volatile: other threads' {@link #wakeup()} reads it; a rebuild replaces it. */
    private volatile Selector selector;
    /** The keys the last select found ready, in the order it found them, until {@link #dispatch()}. */
    private SelectionKey[] selected = new SelectionKey[64];
    private int selectedCount;
    /** Premature returns in a row (see the class comment). */
    private int premature;
    /** The number of rebuilds, and of wake-ups from other threads (for tests and diagnostics). */
    private int rebuilds;
    private final AtomicLong wakeups = new AtomicLong();
    /** The loop's scratch buffer: see {@link #scratch()}. */
    private ByteBuffer scratch;

    IoPoller(LoopCore loop) throws IOException {
        this.loop = loop;
        this.rebuildThreshold = Integer.getInteger(REBUILD_THRESHOLD_PROPERTY, 512);
        this.selector = Selector.open();
    }

    /** Registers {@code channel} with no interest, {@code registration} its attachment. */
    SelectionKey register(SelectableChannel channel, IoRegistration registration) throws IOException {
        try {
            return channel.register(selector, 0, registration);
        } catch (java.nio.channels.CancelledKeyException e) {
            // a key of this channel was cancelled and is still in the selector: flush it, then again
            selector.selectNow(k -> { });
            return channel.register(selector, 0, registration);
        }
    }

    /** The key of {@code channel} with this selector, or null. */
    SelectionKey keyFor(SelectableChannel channel) {
        return channel.keyFor(selector);
    }

    /**
     * The loop's scratch buffer, a direct buffer of {@link #SCRATCH_BYTES}: what a read goes through before
     * its bytes are copied where they belong, and a write before the socket takes it, so that a connection
     * keeps no buffer of its own while it has nothing to keep and a read or write allocates none. Shared
     * by every channel of the loop: a user fills and empties it within one step of a task (no suspension in
     * between), and clears it first.
     */
    public ByteBuffer scratch() {
        ByteBuffer b = scratch;
        if (b == null) {
            b = scratch = ByteBuffer.allocateDirect(SCRATCH_BYTES);
        }
        return b.clear();
    }

    /**
     * Waits at most {@code nanos} (forever when negative, not at all when 0) for a channel to be ready or
     * for {@link #wakeup()}; collects the ready keys. See the class comment for the time and for spins.
     */
    void select(long nanos, Clock clock, Inbox inbox) {
        Selector s = selector;
        try {
            if (nanos == 0) {
                s.selectNow(this);
                return;
            }
            if (nanos > 0 && !(clock instanceof SystemClock)) {
                if (s.selectNow(this) == 0) {
                    clock.park(this, nanos); // virtual time: the clock jumps to the timer
                }
                return;
            }
            long millis = nanos < 0 ? 0 : nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
            long start = System.nanoTime();
            int n = millis == 0 ? s.select(this) : s.select(this, millis);
            if (n == 0 && selectedCount == 0 && inbox.isEmpty() && !Thread.currentThread().isInterrupted()
                    && (millis == 0 || System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(millis))) {
                if (++premature >= rebuildThreshold && rebuildThreshold > 0) {
                    rebuild(premature + " premature returns in a row, with nothing selected");
                }
            } else {
                premature = 0;
            }
        } catch (IOException e) {
            rebuild("select failed: " + e);
        }
    }

    /** As the consumer of a select: a key is ready; kept until {@link #dispatch()}. */
    @Override
    public void accept(SelectionKey key) {
        if (selectedCount == selected.length) {
            selected = Arrays.copyOf(selected, selectedCount * 2);
        }
        selected[selectedCount++] = key;
    }

    /**
     * Hands each ready key of the last select to its registration, in the order found: callbacks go to
     * the ready queue, waiters are told (and queue their tasks). An error in one is the loop's exception
     * handler's, and the others go on.
     */
    void dispatch() {
        try {
            for (int i = 0; i < selectedCount; i++) {
                SelectionKey key = selected[i];
                selected[i] = null;
                IoRegistration registration = (IoRegistration) key.attachment();
                try {
                    registration.ioReady(key.readyOps());
                } catch (CancelledKeyException e) {
                    // closed since the select: nobody waits on it
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable e) {
                    loop.callExceptionHandler(ExceptionContext.of("Exception while handing the I/O readiness of "
                            + registration.channel() + " to " + registration, e));
                }
            }
        } finally {
            Arrays.fill(selected, 0, selectedCount, null);
            selectedCount = 0;
        }
    }

    /** Any thread: makes a select that runs return now, or the next one return at once. */
    void wakeup() {
        wakeups.incrementAndGet();
        selector.wakeup();
    }

    /**
     * The selector spins or failed: a new one takes every valid key, with its interest and registration,
     * and the old one is closed; logged at WARNING. The one place a rebuild happens.
     */
    private void rebuild(String why) {
        premature = 0;
        Selector old = selector;
        Selector fresh;
        try {
            fresh = Selector.open();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the selector of " + loop + " needs rebuilding (" + why
                    + "), but a new one could not be opened; going on with the old one", e);
            return;
        }
        int moved = 0;
        for (SelectionKey key : old.keys().toArray(new SelectionKey[0])) {
            IoRegistration registration = (IoRegistration) key.attachment();
            try {
                if (!key.isValid()) {
                    continue;
                }
                int ops = key.interestOps();
                key.cancel();
                registration.key = key.channel().register(fresh, ops, registration);
                moved++;
            } catch (CancelledKeyException | ClosedChannelException e) {
                // closed meanwhile: nothing to move
            }
        }
        selector = fresh;
        rebuilds++;
        try {
            old.close();
        } catch (IOException e) {
            // the old selector is dropped either way
        }
        selectorRebuilt(why, moved);
    }

    /** Reports a rebuild: the log line (and the hook for a JFR event of the rebuild). */
    private void selectorRebuilt(String why, int moved) {
        LOG.log(System.Logger.Level.WARNING, "rebuilt the selector of " + loop + " (" + why + "): "
                + moved + " channel" + (moved == 1 ? "" : "s") + " moved to a new selector."
                + " This works around an epoll selector that spins (JDK-6670302);"
                + " -D" + REBUILD_THRESHOLD_PROPERTY + " sets how many premature returns rebuild it");
        Flight.selectorRebuilt(moved, why);
    }

    /**
     * The loop closes: each registration lets go ({@link IoRegistration#loopClosing()}: an owned channel
     * is closed), then the selector closes, which deregisters every channel left.
     */
    void close() {
        Selector s = selector;
        for (SelectionKey key : s.keys().toArray(new SelectionKey[0])) {
            IoRegistration registration = (IoRegistration) key.attachment();
            try {
                registration.loopClosing();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                loop.callExceptionHandler(ExceptionContext.of("Exception while closing " + registration
                        + " at the close of the event loop", e));
            }
        }
        try {
            s.close();
        } catch (IOException e) {
            loop.callExceptionHandler(ExceptionContext.of("Exception while closing the selector of the event loop", e));
        }
    }

    /** The number of channels registered (closed ones leave at the next select). */
    public int registered() {
        return selector.keys().size();
    }

    /** How many times the selector was rebuilt. */
    public int rebuilds() {
        return rebuilds;
    }

    /** How many times another thread woke the selector. */
    public long wakeups() {
        return wakeups.get();
    }

    /** The selector, for tests that make it spin. */
    Selector selector() {
        return selector;
    }

    @Override
    public String toString() {
        return "IoPoller[" + loop + ", " + registered() + " channels]";
    }
}
