package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StreamWriter}: write, writelines, drain and its water marks (with many tasks draining at once,
 * and the yield that keeps a tight write loop from starving the others), writeEof, close, waitClosed,
 * get_extra_info.
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class StreamWriterTest extends StepRecorder {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void everyWriteFormArrivesInOrder() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamWriter w = l.client.writer();
                w.write("a".getBytes());
                w.write("xbcx".getBytes(), 1, 2);
                w.write(ByteBuffer.wrap("d".getBytes()));
                ByteBuffer direct = ByteBuffer.allocateDirect(1).put((byte) 'e').flip();
                w.write(direct);
                assertFalse(direct.hasRemaining(), "a ByteBuffer is consumed");
                w.write("f");
                w.writelines(List.of("g".getBytes(), "h\n".getBytes()));
                w.drain();
                assertEquals("abcdefgh\n", text(l.served.reader().readline()));
                assertThrows(IndexOutOfBoundsException.class, () -> w.write(new byte[2], 1, 2));
                assertThrows(NullPointerException.class, () -> w.write((byte[]) null));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void drainWaitsWhileTheBufferIsAboveTheHighMarkUntilItIsDownToTheLowOne() {
        Coro.run(() -> {
            StreamOptions marks = StreamOptions.defaults().writeBufferLimits(64 * 1024, 16 * 1024);
            Loopback l = Loopback.open(StreamOptions.defaults(), marks);
            try {
                StreamWriter w = l.client.writer();
                byte[] chunk = new byte[16 * 1024];
                int written = 0;
                int maxBuffered = 0;
                // the peer reads nothing: the kernel's buffers fill, then the writer's
                Task<Void> writing = Coro.createTask(() -> {
                    for (int i = 0; i < 1000; i++) {
                        w.write(chunk);
                        w.drain();
                    }
                });
                for (int i = 0; i < 500 && w.writeBufferSize() <= 64 * 1024; i++) {
                    Coro.sleep(ms(2));
                }
                assertTrue(w.writeBufferSize() > 64 * 1024, "the writer's buffer went above the high mark");
                assertTrue(w.writeBufferSize() <= 64 * 1024 + chunk.length,
                        "never more than the high mark plus one write: " + w.writeBufferSize());
                Coro.sleep(ms(20));
                assertFalse(writing.isDone(), "drain waits");
                assertTrue(w.writeBufferSize() <= 64 * 1024 + chunk.length);
                writing.cancel();
                Coro.sleep(ZERO);
            } finally {
                l.close();
            }
        });
    }

    @Test
    void aSlowReaderMakesDrainWaitAndTheBufferNeverGrowsPastTheHighMarkPlusOneWrite() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                l.smallKernelBuffers();
                StreamWriter w = l.client.writer();
                StreamReader slow = l.served.reader();
                byte[] chunk = new byte[10_000];
                int total = 1_000_000;
                int[] maxBuffered = {0};
                Task<Void> writing = Coro.createTask(() -> {
                    for (int sent = 0; sent < total; sent += chunk.length) {
                        w.write(chunk);
                        maxBuffered[0] = Math.max(maxBuffered[0], w.writeBufferSize());
                        w.drain();
                    }
                });
                int got = 0;
                for (int i = 0; i < 1000 && maxBuffered[0] == 0; i++) {
                    Coro.sleep(ms(1)); // a reader that does not read yet
                }
                while (got < total) {
                    got += slow.read(4096).length; // slow: small reads, a pause now and then
                    if (got % (256 * 1024) < 4096) {
                        Coro.sleep(ms(1));
                    }
                }
                writing.join();
                assertEquals(total, got);
                assertTrue(maxBuffered[0] > 0, "the writer had to buffer");
                assertTrue(maxBuffered[0] <= 64 * 1024 + chunk.length, "buffered at most " + maxBuffered[0]);
            } finally {
                l.close();
            }
        });
    }

    @Test
    void manyTasksDrainOneWriterAtOnceAndAllGoOn() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamWriter w = l.client.writer();
                byte[] big = new byte[64 * 1024];
                while (w.writeBufferSize() <= 64 * 1024) {
                    w.write(big); // no drain: fill the kernel's buffers and then the writer's
                    Coro.sleep(ZERO);
                }
                int buffered = w.writeBufferSize();
                List<Task<Void>> drains = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    drains.add(Coro.createTask(w::drain));
                }
                Coro.sleep(ms(10));
                for (Task<Void> d : drains) {
                    assertFalse(d.isDone(), "every drain waits");
                }
                String dump = Coro.dumpTasks();
                assertTrue(dump.contains("state: waiting to drain the writer to 127.0.0.1:" + l.server.port()), dump);
                long total = 0;
                while (!drains.stream().allMatch(Task::isDone)) {
                    total += l.served.reader().read(1 << 16).length;
                }
                Coro.gather(drains); // none failed
                assertTrue(total > buffered - 16 * 1024, "they went on once the buffer was down to the low mark");
            } finally {
                l.close();
            }
        });
    }

    @Test
    void aTightWriteAndDrainLoopStillLetsTheOtherTasksRun() {
        // gh-75279: asyncio's drain() does not yield below the high mark, so this loop would never let the
        // counter run
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamWriter w = l.client.writer();
                int[] ticks = {0};
                Task<Void> counter = Coro.createTask(() -> {
                    while (true) {
                        ticks[0]++;
                        Coro.sleep(ZERO);
                    }
                });
                Task<Void> reader = Coro.createTask(() -> {
                    while (l.served.reader().read(1 << 16).length > 0) {
                        // the peer reads as fast as it can: the writer never crosses the high mark
                    }
                });
                byte[] small = new byte[100];
                int ticksSeenBefore = ticks[0];
                for (int i = 0; i < 1000; i++) {
                    w.write(small);
                    w.drain();
                }
                assertTrue(ticks[0] - ticksSeenBefore >= 1000 / StreamWriter.DRAINS_PER_TURN - 1,
                        "the counter ran " + (ticks[0] - ticksSeenBefore) + " times during 1000 drains");
                counter.cancel();
                reader.cancel();
                Coro.sleep(ZERO);
            } finally {
                l.close();
            }
        });
    }

    @Test
    void writeEofHalfClosesAndThePeerCanStillAnswer() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamWriter w = l.client.writer();
                assertTrue(w.canWriteEof());
                w.write("question");
                w.writeEof();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write("more"));
                assertTrue(e.getMessage().contains("after writeEof()"), e.getMessage());
                assertEquals("question", text(l.served.reader().read(-1)), "the peer reads to the end");
                l.served.writer().write("answer");
                l.served.writer().drain();
                assertEquals("answer", text(l.client.reader().read(100)), "the other way still works");
                w.writeEof(); // twice: nothing
            } finally {
                l.close();
            }
        });
    }

    @Test
    void closeSendsWhatIsBufferedThenCloses() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                l.smallKernelBuffers();
                StreamWriter w = l.client.writer();
                byte[] big = new byte[1_000_000];
                big[big.length - 1] = 42;
                w.write(big);
                assertTrue(w.writeBufferSize() > 0, "more than the socket takes at once");
                w.close();
                assertTrue(w.isClosing());
                IllegalStateException afterClose = assertThrows(IllegalStateException.class, () -> w.write("x"));
                assertTrue(afterClose.getMessage().startsWith("write() after close()"), afterClose.getMessage());
                Task<Void> closing = Coro.createTask(w::waitClosed);
                byte[] all = l.served.reader().read(-1);
                closing.join();
                assertEquals(big.length, all.length, "every buffered byte was sent before the socket closed");
                assertEquals(42, all[all.length - 1]);
                SocketException drainAfterClose = assertThrowsAsync(SocketException.class, w::drain);
                assertTrue(drainAfterClose.getMessage().endsWith("is closed"), drainAfterClose.getMessage());
                w.close(); // twice: nothing
                w.waitClosed(); // at once
                assertEquals(0, l.client.reader().read(10).length, "a closed writer's reader meets the end");
            } finally {
                l.close();
            }
        });
    }

    @Test
    void getExtraInfoNamesBothEndsAndTheSocket() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamWriter client = l.client.writer();
                StreamWriter served = l.served.writer();
                InetSocketAddress clientName = (InetSocketAddress) client.getExtraInfo("sockname");
                assertEquals(clientName, served.getExtraInfo("peername"));
                assertEquals(served.getExtraInfo("sockname"), client.getExtraInfo("peername"));
                assertEquals(l.server.port(), ((InetSocketAddress) client.getExtraInfo("peername")).getPort());
                assertTrue(client.getExtraInfo("socket") instanceof SocketChannel);
                assertNull(client.getExtraInfo("cipher"));
                assertSame(client, client.getExtraInfo("cipher", client));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void waterMarksAreChecked() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                assertThrows(IllegalArgumentException.class, () -> l.client.writer().setWriteBufferLimits(10, 20));
                assertThrows(IllegalArgumentException.class, () -> l.client.writer().setWriteBufferLimits(10, -1));
                assertThrows(IllegalArgumentException.class, () -> StreamOptions.defaults().writeBufferLimits(1, 2));
                assertEquals(256, StreamOptions.defaults().writeBufferLimits(1024).lowWater());
                l.client.writer().setWriteBufferLimits(0, 0);
                l.client.writer().write(new byte[10]);
                l.client.writer().drain(); // nothing buffered: at or below the low mark
            } finally {
                l.close();
            }
        });
    }
}
