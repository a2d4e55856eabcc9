package io.coro4j.netbench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty peer: an echo server on Netty's NIO transport with one event-loop thread, which accepts and
 * serves every connection. It is Netty's own echo example as a Netty user tuning for speed writes it: one
 * shared stateless handler; each read's buffer (from Netty's default allocator, the pooling
 * {@code AdaptiveByteBufAllocator} in 4.2) written back as it is, without a copy, with the void promise
 * (no future per write); one flush per batch of reads ({@code channelReadComplete}); TCP_NODELAY; reads
 * paused while the peer does not take what was written (writability), so a slow reader cannot make the
 * server buffer without bound. {@code run.sh} also switches off Netty's sampling leak detector
 * ({@code -Dio.netty.leakDetection.level=disabled}), as Netty's own benchmarks do.
 *
 * <p>Run: {@code java -cp netbench.jar io.coro4j.netbench.NettyEchoServer HOST PORT} (see
 * {@link ServerProcess} for the contract).
 */
public final class NettyEchoServer implements AutoCloseable {
    /** Room for a burst of connects (the heap measurement opens 10,000); the kernel caps it at somaxconn. */
    static final int BACKLOG = 4096;

    private final EventLoopGroup group;
    private final Channel channel;

    private NettyEchoServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /** Binds {@code host:port} (0: a free port) and serves until {@link #close}. */
    public static NettyEchoServer start(String host, int port) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(EchoHandler.INSTANCE)
                    .bind(host, port).sync().channel();
            return new NettyEchoServer(group, channel);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * Closes the listening socket and every connection, and waits until the loop thread has ended. The
     * loop shuts down after a quiet period of 100 ms: with none, a connection whose close Netty had
     * queued when the shutdown began (its peer's FIN just read) was sometimes left open, its socket in
     * CLOSE_WAIT (in about one shutdown in twelve under load, Netty 4.2.18 on JDK 17; none in 70 since).
     */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    @Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {
        static final EchoHandler INSTANCE = new EchoHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // the buffer goes back out as it is; the write releases it once written
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            if (!ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a reset or a broken pipe ends this connection only
            ctx.close();
        }
    }

    public static void main(String[] args) throws Exception {
        ServerProcess.Address address = ServerProcess.address("io.coro4j.netbench.NettyEchoServer", args);
        try (NettyEchoServer server = start(address.host(), address.port())) {
            ServerProcess.announce(address.host(), server.port());
            ServerProcess.serveCommands(System.in, System.out);
        }
    }
}
