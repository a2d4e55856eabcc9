package io.coro4j.net;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StreamReader}: asyncio's read, readline, readexactly, readuntil and at_eof, over a loopback
 * connection whose other end the test writes.
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class StreamReaderTest extends StepRecorder {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Sends {@code s} from the client and waits until it is on its way. */
    @Async
    private static void send(Loopback l, String s) throws Exception {
        l.client.writer().write(bytes(s));
        l.client.writer().drain();
    }

    /** Lets the bytes cross loopback: a few turns with a short sleep. */
    @Async
    private static void settle() {
        Coro.sleep(ms(20));
    }

    @Test
    void readReturnsWhatIsThereUpToNAndAnEmptyArrayAtTheEnd() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                assertEquals(0, r.read(0).length);
                send(l, "hello world");
                settle();
                assertEquals("hello", text(r.read(5)));
                assertEquals(" world", text(r.read(100)));
                l.client.writer().writeEof();
                assertEquals(0, r.read(100).length, "an empty array at the end of the stream");
                assertTrue(r.atEof());
                assertEquals(0, r.read(100).length, "and again");
            } finally {
                l.close();
            }
        });
    }

    @Test
    void readMinusOneReadsToTheEndOfTheStream() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                byte[] big = new byte[300_000];
                Arrays.fill(big, (byte) 'x');
                Task<byte[]> reading = Coro.createTask(() -> l.served.reader().read(-1));
                l.client.writer().write(big);
                l.client.writer().write("end");
                l.client.writer().drain();
                l.client.writer().writeEof();
                byte[] all = reading.join();
                assertEquals(big.length + 3, all.length);
                assertEquals("end", text(Arrays.copyOfRange(all, big.length, all.length)));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void readIntoAByteBufferAllocatesNothingAndSaysMinusOneAtTheEnd() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                send(l, "abcdef");
                ByteBuffer b = ByteBuffer.allocate(4);
                assertEquals(4, r.read(b));
                assertEquals("abcd", text(b.array()));
                assertEquals(0, r.read(b), "no room: 0");
                b.clear();
                assertEquals(2, r.read(b));
                l.client.writer().writeEof();
                assertEquals(-1, r.read(b.clear()));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void readlineReturnsEachLineWithItsNewlineAndWhatIsLeftAtTheEnd() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                send(l, "one\ntwo\nthr");
                assertEquals("one\n", text(r.readline()));
                assertEquals("two\n", text(r.readline()));
                Task<byte[]> third = Coro.createTask(r::readline);
                settle();
                assertFalse(third.isDone(), "a line without its newline waits for the rest");
                send(l, "ee\nfour");
                assertEquals("three\n", text(third.join()));
                l.client.writer().writeEof();
                assertEquals("four", text(r.readline()), "what is left at the end");
                assertEquals(0, r.readline().length);
                assertTrue(r.atEof());
            } finally {
                l.close();
            }
        });
    }

    @Test
    void readexactlyWaitsForEveryByteAndGivesThePartOnesAtTheEnd() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                Task<byte[]> ten = Coro.createTask(() -> r.readexactly(10));
                send(l, "0123");
                settle();
                assertFalse(ten.isDone());
                send(l, "456789abc");
                assertEquals("0123456789", text(ten.join()));
                assertEquals(0, r.readexactly(0).length);
                l.client.writer().writeEof();
                IncompleteReadException e = assertThrowsAsync(IncompleteReadException.class, () -> r.readexactly(5));
                assertEquals("abc", text(e.partial()));
                assertEquals(5, e.expected());
                assertTrue(e.getMessage().contains("from " + l.clientAddress() + " ended after 3 of 5 bytes"),
                        e.getMessage());
                assertTrue(r.atEof(), "the partial bytes are no longer in the reader");
                assertThrowsAsync(IllegalArgumentException.class, () -> r.readexactly(-1));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void readuntilFindsASeparatorSplitAcrossPackets() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                byte[] crlf = bytes("\r\n");
                Task<byte[]> line = Coro.createTask(() -> r.readuntil(crlf));
                send(l, "ab");
                settle();
                send(l, "c\r");
                settle();
                assertFalse(line.isDone());
                send(l, "\nrest\r\n");
                assertEquals("abc\r\n", text(line.join()));
                assertEquals("rest\r\n", text(r.readuntil(crlf)));
                assertThrowsAsync(IllegalArgumentException.class, () -> r.readuntil(new byte[0]));
                l.client.writer().write("tail");
                l.client.writer().writeEof();
                IncompleteReadException e = assertThrowsAsync(IncompleteReadException.class, () -> r.readuntil(crlf));
                assertEquals("tail", text(e.partial()));
                assertEquals(-1, e.expected());
            } finally {
                l.close();
            }
        });
    }

    @Test
    void readuntilPastTheLimitThrowsAndKeepsTheBytesButReadlineDropsTheLine() {
        Coro.run(() -> {
            Loopback l = Loopback.open(StreamOptions.defaults().limit(8), StreamOptions.defaults());
            try {
                StreamReader r = l.served.reader();
                assertEquals(8, r.limit());
                send(l, "0123456789|");
                settle();
                LimitOverrunException found = assertThrowsAsync(LimitOverrunException.class,
                        () -> r.readuntil(bytes("|")));
                assertEquals(10, found.consumed(), "the separator's index, past the limit of 8");
                assertEquals("0123456789", text(r.read(10)), "readuntil keeps the bytes");
                assertEquals("|", text(r.readuntil(bytes("|"))));

                send(l, "abcdefghijkl");
                settle();
                LimitOverrunException notFound = assertThrowsAsync(LimitOverrunException.class,
                        () -> r.readuntil(bytes("|")));
                assertEquals(12, notFound.consumed(), "asyncio's offset: the bytes looked at, past the limit");
                assertEquals("abcdefghijkl", text(r.read(100)), "...and the bytes are still there");

                send(l, "far too long a line\nshort\n");
                settle();
                assertThrowsAsync(LimitOverrunException.class, r::readline);
                assertEquals("short\n", text(r.readline()), "readline dropped the long line, as asyncio's does");
            } finally {
                l.close();
            }
        });
    }

    @Test
    void oneTaskReadsAtATime() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                Task<byte[]> first = Coro.createTask(r::readline);
                settle();
                IllegalStateException e = assertThrowsAsync(IllegalStateException.class, r::readline);
                assertTrue(e.getMessage().startsWith("StreamReader.readuntil() called while another task is already"
                        + " waiting to read from " + l.clientAddress()), e.getMessage());
                send(l, "line\n");
                assertEquals("line\n", text(first.join()));
            } finally {
                l.close();
            }
        });
    }

    @Test
    void atEofIsKnownOnceAReadMetTheEnd() {
        Coro.run(() -> {
            Loopback l = Loopback.open();
            try {
                StreamReader r = l.served.reader();
                send(l, "x");
                l.client.writer().writeEof();
                settle();
                assertFalse(r.atEof(), "not read yet");
                assertEquals("x", text(r.read(10)));
                assertFalse(r.atEof(), "the end not met yet");
                assertArrayEquals(new byte[0], r.read(10));
                assertTrue(r.atEof());
            } finally {
                l.close();
            }
        });
    }
}
