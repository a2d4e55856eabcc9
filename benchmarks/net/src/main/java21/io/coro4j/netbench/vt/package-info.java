/**
 * The virtual-thread peer of the echo benchmark; compiled for release 21 only by a build on JDK 21 or
 * later (the {@code virtual-threads} profile of {@code benchmarks/net/pom.xml}).
 */
package io.coro4j.netbench.vt;
