package io.coro4j.net;

import io.coro4j.Coro;
import io.coro4j.NoDescriptorLeaks;
import io.coro4j.StepRecorder;
import io.coro4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import static io.coro4j.AsyncAssertions.assertThrowsAsync;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DatagramEndpoint}: UDP on loopback (127.0.0.1 and ::1): send, receive with the sender's address,
 * a connected endpoint, a cancelled receive that loses nothing, errors on a closed endpoint and bad input.
 */
@Timeout(60)
@ExtendWith(NoDescriptorLeaks.class)
class DatagramEndpointTest extends StepRecorder {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void pingPong(String host) {
        Coro.run(() -> {
            DatagramEndpoint a = DatagramEndpoint.bind(host, 0);
            DatagramEndpoint b = DatagramEndpoint.bind(host, 0);
            try {
                assertTrue(b.localAddress().getPort() > 0, "port 0 picks one");
                a.send(bytes("ping"), b.localAddress());
                Datagram d = b.receive();
                assertEquals("ping", text(d.data()));
                assertEquals(a.localAddress(), d.sender(), "the sender's address, to answer to");
                b.send(bytes("pong"), d.sender());
                Datagram back = a.receive();
                assertEquals("pong", text(back.data()));
                assertEquals(b.localAddress(), back.sender());
                assertEquals(a.localAddress(), a.getExtraInfo("sockname"));
                assertNull(a.getExtraInfo("peername"));
                assertTrue(a.getExtraInfo("socket") instanceof DatagramChannel);
            } finally {
                a.close();
                b.close();
            }
        });
    }

    @Test
    void sendsAndReceivesWithTheSendersAddressOnIpv4Loopback() {
        pingPong("127.0.0.1");
    }

    @Test
    void sendsAndReceivesWithTheSendersAddressOnIpv6Loopback() {
        pingPong("::1");
    }

    @Test
    void aConnectedEndpointSendsToItsPeerOnly() {
        Coro.run(() -> {
            DatagramEndpoint server = DatagramEndpoint.bind("127.0.0.1", 0);
            DatagramEndpoint client = DatagramEndpoint.connect("127.0.0.1", server.localAddress().getPort());
            try {
                assertEquals(server.localAddress(), client.remoteAddress());
                client.send(bytes("hello"));
                Datagram d = server.receive();
                assertEquals("hello", text(d.data()));
                server.send(bytes("world"), d.sender());
                assertEquals("world", text(client.receive().data()));
                IllegalArgumentException e = assertThrowsAsync(IllegalArgumentException.class,
                        () -> client.send(bytes("x"), new InetSocketAddress("127.0.0.1", 9)));
                assertTrue(e.getMessage().contains("connected"), e.getMessage());
            } finally {
                client.close();
                server.close();
            }
        });
    }

    @Test
    void datagramsUpToUdpsLimitArriveWholeAndOneTooBigIsRefusedNamingBothEnds() {
        Coro.run(() -> {
            DatagramEndpoint a = DatagramEndpoint.bind("127.0.0.1", 0);
            DatagramEndpoint b = DatagramEndpoint.bind("127.0.0.1", 0);
            try {
                b.getExtraInfo("socket");
                ((DatagramChannel) b.getExtraInfo("socket")).setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 18);
                byte[] big = new byte[65_507]; // the most an IPv4 UDP datagram holds
                Arrays.fill(big, (byte) 7);
                a.send(big, b.localAddress());
                a.send(new byte[0], b.localAddress());
                assertArrayEquals(big, b.receive().data());
                assertEquals(0, b.receive().data().length, "an empty datagram is a datagram");
                SocketException e = assertThrowsAsync(SocketException.class,
                        () -> a.send(new byte[70_000], b.localAddress()));
                assertTrue(e.getMessage().startsWith("sending a datagram of 70000 bytes to " + "127.0.0.1:"
                        + b.localAddress().getPort() + " from 127.0.0.1:" + a.localAddress().getPort() + " failed"),
                        e.getMessage());
            } finally {
                a.close();
                b.close();
            }
        });
    }

    @Test
    void aCancelledReceiveLosesNoDatagram() {
        Coro.run(() -> {
            DatagramEndpoint a = DatagramEndpoint.bind("127.0.0.1", 0);
            DatagramEndpoint b = DatagramEndpoint.bind("127.0.0.1", 0);
            try {
                Task<Datagram> receiving = Coro.createTask(b::receive);
                Coro.sleep(ms(10)); // it waits
                a.send(bytes("one"), b.localAddress());
                a.send(bytes("two"), b.localAddress());
                receiving.cancel(); // before the loop ran it: the datagrams are in the socket
                assertThrowsAsync(CancellationException.class, receiving::join);
                Coro.sleep(ms(10));
                assertEquals("one", text(b.receive().data()));
                assertEquals("two", text(b.receive().data()));
            } finally {
                a.close();
                b.close();
            }
        });
    }

    @Test
    void aClosedEndpointSaysSoToEveryCallAndToTheTaskWaitingInReceive() {
        Coro.run(() -> {
            DatagramEndpoint a = DatagramEndpoint.bind("127.0.0.1", 0);
            int port = a.localAddress().getPort();
            Task<Datagram> waiting = Coro.createTask(a::receive);
            Coro.sleep(ms(10));
            assertFalse(a.isClosing());
            a.close();
            assertTrue(a.isClosing());
            CompletionException wrapped = assertThrowsAsync(CompletionException.class, waiting::join);
            SocketException e = (SocketException) wrapped.getCause();
            assertEquals("receive() on the datagram endpoint on 127.0.0.1:" + port + ", which is closed", e.getMessage());
            assertThrowsAsync(SocketException.class, a::receive);
            SocketException s = assertThrowsAsync(SocketException.class,
                    () -> a.send(bytes("x"), new InetSocketAddress("127.0.0.1", 9)));
            assertTrue(s.getMessage().startsWith("send() on the datagram endpoint"), s.getMessage());
            a.close(); // twice: nothing
        });
    }

    @Test
    void aConnectedEndpointHearsOfAClosedPortAndStaysOpen() {
        Coro.run(() -> {
            DatagramEndpoint gone = DatagramEndpoint.bind("127.0.0.1", 0);
            int port = gone.localAddress().getPort();
            gone.close();
            Coro.sleep(ms(10)); // the JDK closes a registered socket at the selector's next select: then the port is free
            DatagramEndpoint client = DatagramEndpoint.connect("127.0.0.1", port);
            try {
                client.send(bytes("anyone?"));
                PortUnreachableException e = assertThrowsAsync(PortUnreachableException.class, client::receive);
                assertTrue(e.getMessage().startsWith("nothing listens at 127.0.0.1:" + port), e.getMessage());
                assertFalse(client.isClosing(), "asyncio's error_received: the endpoint stays open");
            } finally {
                client.close();
            }
        });
    }

    @Test
    void manySendersOneReceiverEveryDatagramArrives() {
        Coro.run(() -> {
            DatagramEndpoint receiver = DatagramEndpoint.bind("127.0.0.1", 0);
            List<DatagramEndpoint> senders = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    senders.add(DatagramEndpoint.bind("127.0.0.1", 0));
                }
                List<Task<Void>> sending = new ArrayList<>();
                for (DatagramEndpoint s : senders) {
                    sending.add(Coro.createTask(() -> {
                        for (int n = 0; n < 30; n++) {
                            s.send(bytes(Integer.toString(n)), receiver.localAddress());
                            Coro.sleep(Duration.ZERO);
                        }
                    }));
                }
                int[] next = new int[3];
                for (int i = 0; i < 90; i++) {
                    Datagram d = receiver.receive();
                    int who = -1;
                    for (int k = 0; k < 3; k++) {
                        if (senders.get(k).localAddress().equals(d.sender())) {
                            who = k;
                        }
                    }
                    assertTrue(who >= 0, "from one of the senders: " + d);
                    assertEquals(next[who]++, Integer.parseInt(text(d.data())), "in order from each sender");
                }
                Coro.gather(sending);
            } finally {
                receiver.close();
                senders.forEach(DatagramEndpoint::close);
            }
        });
    }

    @Test
    void badInputFailsFastAndOneTaskReceivesAtATime() {
        Coro.run(() -> {
            assertThrowsAsync(IllegalArgumentException.class, () -> DatagramEndpoint.bind("127.0.0.1", 70_000));
            assertThrowsAsync(IllegalArgumentException.class, () -> DatagramEndpoint.create(null, null));
            assertThrowsAsync(IllegalArgumentException.class,
                    () -> DatagramEndpoint.create(InetSocketAddress.createUnresolved("localhost", 0), null));
            DatagramEndpoint a = DatagramEndpoint.bind("127.0.0.1", 0);
            try {
                NullPointerException npe = assertThrowsAsync(NullPointerException.class,
                        () -> a.send((byte[]) null, a.localAddress()));
                assertEquals("data", npe.getMessage());
                IllegalArgumentException noTarget = assertThrowsAsync(IllegalArgumentException.class,
                        () -> a.send(bytes("x")));
                assertTrue(noTarget.getMessage().contains("not connected"), noTarget.getMessage());
                Task<Datagram> first = Coro.createTask(a::receive);
                Coro.sleep(ms(10));
                IllegalStateException two = assertThrowsAsync(IllegalStateException.class, a::receive);
                assertTrue(two.getMessage().contains("one task receives at a time"), two.getMessage());
                first.cancel();
                a.send(ByteBuffer.wrap(bytes("self")), a.localAddress());
                assertEquals("self", text(a.receive().data()), "the slot is free after the cancel");
            } finally {
                a.close();
            }
        });
    }

    @Test
    void theLoopsCloseClosesAnEndpointLeftOpen() {
        DatagramChannel[] channel = new DatagramChannel[1];
        Coro.run(() -> {
            DatagramEndpoint a = DatagramEndpoint.bind("127.0.0.1", 0);
            channel[0] = (DatagramChannel) a.getExtraInfo("socket");
        });
        assertFalse(channel[0].isOpen());
    }

    @Test
    void anotherThreadIsRefused() {
        DatagramEndpoint[] endpoint = new DatagramEndpoint[1];
        Coro.run(() -> {
            endpoint[0] = DatagramEndpoint.bind("127.0.0.1", 0);
            Coro.toThread(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, endpoint[0]::localAddress);
                assertTrue(e.getMessage().contains("belongs to the event loop"), e.getMessage());
                return null;
            });
            endpoint[0].close();
        });
    }
}
