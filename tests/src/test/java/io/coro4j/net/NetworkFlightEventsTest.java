package io.coro4j.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.Coro;
import io.coro4j.NoDescriptorLeaks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network code's JFR event: a writer whose buffer goes above its high-water mark is a
 * {@code io.coro4j.WriterPaused} event naming the peer, the bytes buffered and the mark, once per pause.
 * (The selector's rebuild event is tested where a rebuild can be forced, in the runtime's LoopCoreIoTest.)
 */
@ExtendWith(NoDescriptorLeaks.class)
class NetworkFlightEventsTest {
    @Test
    void aWriterAboveItsHighMarkIsAWriterPausedEventNamingThePeer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("paused.jfr");
        String[] peer = new String[1];
        try (Recording recording = new Recording()) {
            recording.enable("io.coro4j.WriterPaused");
            recording.start();
            Coro.run(() -> {
                Loopback l = Loopback.open(StreamOptions.defaults(),
                        StreamOptions.defaults().writeBufferLimits(64 * 1024, 16 * 1024));
                try {
                    l.smallKernelBuffers();
                    StreamWriter w = l.client.writer();
                    peer[0] = "127.0.0.1:" + l.server.port();
                    byte[] chunk = new byte[16 * 1024];
                    // the peer reads nothing: the kernel's buffers fill, then the writer's, past the high mark
                    for (int i = 0; i < 500 && w.writeBufferSize() <= 64 * 1024; i++) {
                        w.write(chunk);
                        Coro.sleep(Duration.ofMillis(1));
                    }
                    assertTrue(w.writeBufferSize() > 64 * 1024, "the writer's buffer went above the high mark");
                } finally {
                    l.close();
                }
            });
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> paused = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.coro4j.WriterPaused"))
                .collect(Collectors.toList());
        assertEquals(1, paused.size(), "one pause, one event: " + paused);
        RecordedEvent event = paused.get(0);
        assertTrue(event.getString("connection").contains(peer[0]), "names the peer " + peer[0] + ": " + event);
        assertEquals(64 * 1024, event.getLong("highWater"));
        assertTrue(event.getLong("buffered") > 64 * 1024, "what was buffered when it paused: " + event);
    }
}
