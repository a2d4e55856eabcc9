package io.coro4j.internal.loop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loop's turn with a selector (asyncio's {@code _run_once} with I/O): opened at the first
 * registration only; callbacks ready, then I/O, then due timers; a poll when callbacks are ready; a post
 * wakes a selecting loop, and costs no wake-up when the loop is not selecting; a spinning selector is
 * rebuilt with its channels; closing the loop closes the channels it owns. Channels are pipes: no
 * network. Every wait is bounded by the test's timeout.
 */
@Timeout(30)
class LoopCoreIoTest {
    private final List<String> log = new ArrayList<>();
    private final List<Pipe> pipes = new ArrayList<>();
    private LoopCore loop = new LoopCore(Clock.system());

    @AfterEach
    void tearDown() throws IOException {
        if (!loop.isClosed()) {
            loop.close();
        }
        for (Pipe p : pipes) {
            p.source().close();
            p.sink().close();
        }
    }

    private Pipe pipe() throws IOException {
        Pipe p = Pipe.open();
        p.source().configureBlocking(false);
        pipes.add(p);
        return p;
    }

    private static void writeByte(Pipe p) throws IOException {
        assertEquals(1, p.sink().write(ByteBuffer.wrap(new byte[] {1})));
    }

    private static void readAll(Pipe p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        while (p.source().read(b.clear()) > 0) {
            // drained
        }
    }

    @Test
    void aLoopThatDoesNoIoNeverOpensASelector() {
        loop.callSoon(() -> log.add("soon"));
        loop.callLater(0, () -> log.add("timer"));
        loop.runOnce();
        loop.runOnce();
        assertEquals(List.of("soon", "timer"), log);
        assertNull(loop.ioIfOpen());
    }

    @Test
    void readyCallbacksThenIoThenDueTimersThenExactlyWhatWasReady() throws IOException {
        Pipe p = pipe();
        IoRegistration r = IoRegistration.of(loop, p.source());
        assertNotNull(loop.ioIfOpen(), "the first registration opens the selector");
        r.setReader((Runnable) () -> {
            log.add("io");
            try {
                readAll(p);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            loop.callSoon(() -> log.add("scheduled by io"));
        });
        loop.callLater(0, () -> log.add("timer"));
        loop.callSoon(() -> log.add("soon"));
        writeByte(p);
        loop.runOnce();
        assertEquals(List.of("soon", "io", "timer"), log);
        loop.runOnce();
        assertEquals(List.of("soon", "io", "timer", "scheduled by io"), log);
    }

    @Test
    void aWaiterIsToldOnceAndTheReadInterestGoesWhenNobodyWaits() throws IOException {
        Pipe p = pipe();
        IoRegistration r = IoRegistration.of(loop, p.source());
        r.setReader((IoWaiter) () -> log.add("told"));
        writeByte(p);
        loop.runOnce();
        assertEquals(List.of("told"), log);
        assertNull(r.reader(), "a waiter is told once");
        assertEquals(SelectionKey.OP_READ, r.interest(), "the read interest stays after a waiter is told");
        loop.runOnce(); // readable still, with nobody waiting: the interest goes
        assertEquals(0, r.interest());
        assertEquals(List.of("told"), log);
    }

    @Test
    void aSecondWaiterOnOneSlotIsRefused() throws IOException {
        Pipe p = pipe();
        IoRegistration r = IoRegistration.of(loop, p.source());
        IoWaiter first = () -> { };
        r.setReader(first);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.setReader((IoWaiter) () -> { }));
        assertTrue(e.getMessage().startsWith("a task is already waiting to read from"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> r.setReader((Runnable) () -> { }));
        assertTrue(r.clearReader(first));
        r.setReader((Runnable) () -> { });
    }

    @Test
    void aBlockingChannelIsRefusedWithTheFix() throws IOException {
        Pipe p = pipe();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IoRegistration.of(loop, p.sink()));
        assertTrue(e.getMessage().contains("configureBlocking(false)"), e.getMessage());
    }

    @Test
    void withCallbacksReadyTheTurnPollsAndDoesNotWait() throws IOException {
        Pipe p = pipe();
        IoRegistration.of(loop, p.source()).setReader((Runnable) () -> log.add("never readable"));
        AtomicBoolean watchdogFired = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(10_000);
                watchdogFired.set(true);
                loop.offerThreadsafe(() -> { });
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        watchdog.start();
        int[] left = {100};
        loop.callSoon(new Runnable() {
            @Override
            public void run() {
                if (--left[0] > 0) {
                    loop.callSoon(this);
                }
            }
        });
        for (int i = 0; i < 100; i++) {
            loop.runOnce(); // a select that waited here would wait for the watchdog
        }
        watchdog.interrupt();
        assertFalse(watchdogFired.get(), "a turn with callbacks ready waited");
        assertEquals(0, left[0]);
        assertEquals(List.of(), log);
    }

    @Test
    void aPostFromAnotherThreadWakesTheSelectAndCostsOneWakeup() throws Exception {
        IoRegistration.of(loop, pipe().source()).setReader((Runnable) () -> log.add("never readable"));
        CountDownLatch posted = new CountDownLatch(1);
        Thread poster = new Thread(() -> {
            try {
                Thread.sleep(200); // the loop is selecting by then (and if not, the post is seen before)
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(() -> log.add("posted"));
            posted.countDown();
        });
        poster.start();
        loop.runOnce(); // selects until the post: no timers, nothing readable
        while (log.isEmpty()) {
            loop.runOnce();
        }
        poster.join();
        assertEquals(List.of("posted"), log);
        assertTrue(loop.ioIfOpen().wakeups() <= 1, "wakeups: " + loop.ioIfOpen().wakeups());
    }

    @Test
    void postsWhileTheLoopRunsCostNoWakeup() throws Exception {
        IoRegistration.of(loop, pipe().source()).setReader((Runnable) () -> { });
        int[] ran = {0};
        loop.callSoon(() -> {
            // the loop runs this callback: it is not selecting, so the posts must not wake the selector
            Thread poster = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    loop.callSoonThreadsafe(() -> ran[0]++);
                }
            });
            poster.start();
            try {
                poster.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        loop.runOnce();
        loop.runOnce();
        assertEquals(1000, ran[0]);
        assertEquals(0, loop.ioIfOpen().wakeups());
    }

    @Test
    void timersFireOnALoopThatSelects() throws IOException {
        IoRegistration.of(loop, pipe().source()).setReader((Runnable) () -> log.add("never readable"));
        loop.callLater(TimeUnit.MILLISECONDS.toNanos(30), () -> log.add("timer"));
        long start = System.nanoTime();
        while (log.isEmpty()) {
            loop.runOnce(); // selects until the timer is due
        }
        assertEquals(List.of("timer"), log);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void anInterruptWhileSelectingIsKeptForLaterAndTheLoopGoesOn() throws Exception {
        IoRegistration.of(loop, pipe().source()).setReader((Runnable) () -> log.add("never readable"));
        Thread.currentThread().interrupt(); // a select returns at once while the flag is up
        loop.callLater(TimeUnit.MILLISECONDS.toNanos(20), loop::stop);
        loop.runForever(); // the loop took the flag, selected normally and got to its timer
        assertTrue(Thread.interrupted(), "the interrupt is given back when the loop stops");
        assertEquals(0, loop.ioIfOpen().rebuilds(), "an interrupt is not a spin");
    }

    @Test
    void aSpinningSelectorIsRebuiltWithItsChannelsAndSaysSo() throws Exception {
        loop.close();
        System.setProperty(IoPoller.REBUILD_THRESHOLD_PROPERTY, "16");
        try {
            loop = new LoopCore(Clock.system());
            Pipe p = pipe();
            IoRegistration r = IoRegistration.of(loop, p.source());
            r.setReader((Runnable) () -> {
                log.add("read");
                try {
                    readAll(p);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        } finally {
            System.clearProperty(IoPoller.REBUILD_THRESHOLD_PROPERTY);
        }
        IoPoller poller = loop.ioIfOpen();
        List<String> warnings = new ArrayList<>();
        Logger logger = Logger.getLogger("io.coro4j.loop");
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(capture);
        List<RecordedEvent> rebuilt;
        try (Recording recording = new Recording()) {
            recording.enable("io.coro4j.SelectorRebuilt");
            recording.start();
            // a wake-up that no post explains is what a spinning selector looks like from the loop
            for (int i = 0; i < 10_000 && poller.rebuilds() == 0; i++) {
                poller.selector().wakeup();
                loop.runOnce();
            }
            recording.stop();
            Path file = Files.createTempFile("rebuilt", ".jfr");
            try {
                recording.dump(file);
                rebuilt = RecordingFile.readAllEvents(file).stream()
                        .filter(e -> e.getEventType().getName().equals("io.coro4j.SelectorRebuilt"))
                        .collect(Collectors.toList());
            } finally {
                Files.delete(file);
            }
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, rebuilt.size(), "the rebuild is a JFR event: " + rebuilt);
        assertEquals(1, rebuilt.get(0).getInt("keys"), rebuilt.get(0).toString());
        assertEquals(1, poller.rebuilds());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("rebuilt the selector") && warnings.get(0).contains("1 channel moved"),
                warnings.get(0));
        writeByte(pipes.get(0));
        while (log.isEmpty()) {
            loop.runOnce(); // the channel moved to the new selector, its reader with it
        }
        assertEquals(List.of("read"), log);
    }

    @Test
    void closingTheLoopClosesTheChannelsItOwnsAndDeregistersTheOthers() throws IOException {
        Pipe owned = pipe();
        Pipe users = pipe();
        new IoRegistration(loop, owned.source(), true).setReader((Runnable) () -> { });
        IoRegistration.of(loop, users.source()).setReader((Runnable) () -> { });
        loop.close();
        assertFalse(owned.source().isOpen(), "the loop's own channel is closed");
        assertTrue(users.source().isOpen(), "a user's channel stays open");
        assertFalse(users.source().isRegistered(), "and leaves the closed selector");
        assertThrows(IllegalStateException.class, () -> loop.io());
    }
}
