package io.coro4j.protocol;

import java.util.Arrays;

/**
 * One suspending call site of a rewritten method, as its record names it: the saving method's self key
 * ({@code name+descriptor}, for the chain check and the restore check) and the call site's location
 * ({@code pkg.Cls.m(Cls.java:12)}, for {@code Task.getStack()} and errors). Each is registered once in
 * this JVM and known by its number, so a record keeps the number in its closing primitive and stores no
 * reference: a reference store costs G1's write barrier, on every frame of every suspension.
 *
 * <p>The number is found from the two string constants the capture block loads, by identity (they are
 * interned) in an open-addressing table, which costs less than the barrier. (An {@code invokedynamic}
 * per site, bound to a constant, was faster still on the hot path, but linking each site cost about a
 * millisecond at its first capture, and the first one in a JVM 25 ms or more.)
 */
public final class FrameSite {
    /** The limit of the numbers: a record keeps one in 24 bits. */
    static final int LIMIT = 1 << 24;

    /** Registered sites by number; replaced (never changed in place) as it grows. */
    private static volatile FrameSite[] byNumber = new FrameSite[256];
    /** The same sites by the hash of their location, open addressing, at most half full; replaced too. */
    private static volatile FrameSite[] byLocation = new FrameSite[512];
    private static int count;

    final String selfKey;
    final String location;
    private final int number;

    private FrameSite(String selfKey, String location, int number) {
        this.selfKey = selfKey;
        this.location = location;
        this.number = number;
    }

    /** The number of the site a capture block names by its two (interned) constants. */
    static int numberOf(String selfKey, String location) {
        FrameSite[] table = byLocation;
        int mask = table.length - 1;
        for (int i = location.hashCode() & mask; ; i = (i + 1) & mask) {
            FrameSite s = table[i];
            if (s == null) {
                return register(selfKey, location);
            }
            if (s.location == location && s.selfKey == selfKey) {
                return s.number;
            }
        }
    }

    static FrameSite get(int number) {
        return byNumber[number];
    }

    /** Registers the site unless a racing capture did, comparing by value this time. */
    private static synchronized int register(String selfKey, String location) {
        FrameSite[] table = byLocation;
        int mask = table.length - 1;
        int i = location.hashCode() & mask;
        for (FrameSite s = table[i]; s != null; s = table[i = (i + 1) & mask]) {
            if (s.location.equals(location) && s.selfKey.equals(selfKey)) {
                return s.number;
            }
        }
        if (count == LIMIT) {
            throw new IllegalStateException("coro4j: more than " + LIMIT + " suspending call sites");
        }
        FrameSite site = new FrameSite(selfKey, location, count);
        FrameSite[] all = byNumber;
        if (count == all.length) {
            all = Arrays.copyOf(all, count * 2);
        }
        all[count++] = site;
        byNumber = all; // published before any record can hold the number
        if (2 * count > table.length) {
            table = new FrameSite[table.length * 2];
            for (int n = 0; n < count; n++) {
                insert(table, all[n]);
            }
        } else {
            table = table.clone(); // readers keep a table that never changes under them
            insert(table, site);
        }
        byLocation = table;
        return site.number;
    }

    private static void insert(FrameSite[] table, FrameSite site) {
        int mask = table.length - 1;
        int i = site.location.hashCode() & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = site;
    }
}
