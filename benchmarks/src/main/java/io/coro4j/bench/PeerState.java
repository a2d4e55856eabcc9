package io.coro4j.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The peer under test ({@link Workloads#of}); run.sh passes {@code -p peer=coro4j} (with the agent),
 * {@code -p peer=kotlin,kotlin-default,cf} on JDK 17 and {@code -p peer=vt} on JDK 25.
 */
@State(Scope.Benchmark)
public class PeerState {
    @Param({"coro4j", "kotlin", "kotlin-default", "cf", "vt"})
    public String peer;

    public Workloads w;

    @Setup(Level.Trial)
    public void setUp() {
        w = Workloads.of(peer);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        w.close();
    }
}
