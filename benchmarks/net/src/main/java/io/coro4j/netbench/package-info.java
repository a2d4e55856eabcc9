/**
 * The network echo benchmark of issue 11 (run by {@code benchmarks/net/run.sh}): the load client
 * ({@link io.coro4j.netbench.LoadClient}, one NIO thread, closed loop, every echoed byte checked), the
 * contract every echo server follows ({@link io.coro4j.netbench.ServerProcess}), coro4j's server
 * ({@link io.coro4j.netbench.Coro4jEchoServer}, on the streams API) and the Java peers: Netty
 * ({@link io.coro4j.netbench.NettyEchoServer}) and, compiled on JDK 21+ from {@code src/main/java21},
 * virtual threads ({@code io.coro4j.netbench.vt.VirtualThreadEchoServer}). The asyncio peer is
 * {@code benchmarks/net/python/echo_server.py}.
 */
package io.coro4j.netbench;
