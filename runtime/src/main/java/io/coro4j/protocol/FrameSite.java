package io.coro4j.protocol;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One suspending call site of a rewritten method, as its record names it: the saving method's self key
 * ({@code name+descriptor}, for the restore check), the call site's location
 * ({@code pkg.Cls.m(Cls.java:12)}, for {@code Task.getStack()} and errors) and the key of the method it
 * calls (for the chain check; {@code null} for an interface call, which skips it). Each is registered
 * once in this JVM and known by its number, so a record keeps the number in its closing primitive and
 * stores no reference: a reference store costs G1's write barrier, on every frame of every suspension.
 * A leaf ({@link LeafPoint}) is registered too, with no location, so that the chain check can name it
 * by number.
 *
 * <p>A capture block gets its site from an {@code invokedynamic} whose {@link #bootstrap} binds it, at
 * its first capture, to a constant: after that the JIT sees the site as a constant, and a capture looks
 * nothing up. (Linking costs about 20 to 33 µs per site, and a few milliseconds for the first
 * {@code invokedynamic} of a JVM that has run no lambda yet.) A class file too old for
 * {@code invokedynamic} (before version 51) passes the three string constants instead, and
 * {@link #of} finds the site by their identity (they are interned) in an open-addressing table.
 *
 * <p>The chain check compares this site's callee key with the self key of the site saved just before
 * (or the leaf's). Both are fixed per site, so the outcome is fixed per pair of sites: each site
 * remembers the last two inner sites it passed with, and a capture that repeats one of those pairs
 * compares ints. Two, because a recursive call site is saved below two different inner sites in every
 * capture of a recursion (the innermost activation's call, then its own): with one it would miss every
 * time.
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
    /** The call site as a stack-trace element; {@code null} for a leaf. */
    final String location;
    /** The key of the method called there; {@code null} when the chain check is skipped, and for a leaf. */
    final String calleeKey;
    final int number;
    /**
     * The numbers of the last two inner sites (or leaves) this site passed the chain check with, the
     * latest first, or -1. Racy on purpose: an int is written whole, and any value either holds passed.
     */
    int passedWith = -1;
    int passedWithBefore = -1;

    private FrameSite(String selfKey, String location, String calleeKey, int number) {
        this.selfKey = selfKey;
        this.location = location;
        this.calleeKey = calleeKey;
        this.number = number;
    }

    /**
     * The bootstrap of the {@code invokedynamic} in a capture block: binds it to its site, for good.
     *
     * @param selfKey {@code name+descriptor} of the saving method
     * @param location the call site as a stack-trace element ({@code pkg.Cls.m(Cls.java:12)})
     * @param calleeKey {@code name+descriptor} of the method called there, or {@code ""} to skip the
     *     chain check (interface calls)
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type,
                                     String selfKey, String location, String calleeKey) {
        if (type.parameterCount() != 0 || type.returnType() != FrameSite.class) {
            throw new IllegalArgumentException("coro4j: a frame site is bound to ()" + FrameSite.class.getName()
                    + ", not " + type + ", in " + caller.lookupClass().getName());
        }
        FrameSite site = of(selfKey, location, calleeKey.isEmpty() ? null : calleeKey);
        return new ConstantCallSite(MethodHandles.constant(FrameSite.class, site));
    }

    /**
     * The site named by these three constants: by identity (they are interned) in the table, else by
     * value under the lock, registering it if new. For the bootstrap, and for the capture blocks of
     * class files too old for {@code invokedynamic}.
     */
    static FrameSite of(String selfKey, String location, String calleeKey) {
        FrameSite[] table = byLocation;
        int mask = table.length - 1;
        for (int i = location.hashCode() & mask; ; i = (i + 1) & mask) {
            FrameSite s = table[i];
            if (s == null) {
                return register(selfKey, location, calleeKey);
            }
            if (s.location == location && s.selfKey == selfKey && s.calleeKey == calleeKey) {
                return s;
            }
        }
    }

    /** A leaf's number: a site of its own, with no location and no callee. */
    static synchronized int ofLeaf(String selfKey) {
        return add(new FrameSite(selfKey, null, null, count)).number;
    }

    static FrameSite get(int number) {
        return byNumber[number];
    }

    /** Registers the site unless a racing capture did, comparing by value this time. */
    private static synchronized FrameSite register(String selfKey, String location, String calleeKey) {
        FrameSite[] table = byLocation;
        int mask = table.length - 1;
        int i = location.hashCode() & mask;
        for (FrameSite s = table[i]; s != null; s = table[i = (i + 1) & mask]) {
            if (s.location.equals(location) && s.selfKey.equals(selfKey)
                    && Objects.equals(s.calleeKey, calleeKey)) {
                return s;
            }
        }
        return add(new FrameSite(selfKey, location, calleeKey, count));
    }

    /** Adds a new site under its number and, unless it is a leaf, its location. Holds the lock. */
    private static FrameSite add(FrameSite site) {
        if (count == LIMIT) {
            throw new IllegalStateException("coro4j: more than " + LIMIT + " suspending call sites");
        }
        FrameSite[] all = byNumber;
        if (count == all.length) {
            all = Arrays.copyOf(all, count * 2);
        }
        all[count++] = site;
        byNumber = all; // published before any record can hold the number
        if (site.location == null) {
            return site;
        }
        FrameSite[] table = byLocation;
        if (2 * count > table.length) {
            table = new FrameSite[table.length * 2];
            for (int n = 0; n < count; n++) {
                if (all[n].location != null) {
                    insert(table, all[n]);
                }
            }
        } else {
            table = table.clone(); // readers keep a table that never changes under them
            insert(table, site);
        }
        byLocation = table;
        return site;
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
