package io.coro4j.protocol;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One suspending call site of a rewritten method, as its record names it: the saving method's self key
 * ({@code name+descriptor}, for the chain check and the restore check) and the call site's location
 * ({@code pkg.Cls.m(Cls.java:12)}, for {@code Task.getStack()} and errors). Each is registered once in
 * this JVM and known by its number, so a record keeps the number in its closing primitive and stores no
 * reference: a reference store costs G1's write barrier, on every frame of every suspension.
 */
public final class FrameSite {
    /** The limit of the numbers: a record keeps one in 24 bits. */
    static final int LIMIT = 1 << 24;

    /** Registered sites by number; replaced (never changed in place) as it grows. */
    private static volatile FrameSite[] sites = new FrameSite[256];
    private static int count;
    /** The numbers of sites saved by class files too old for {@code invokedynamic}, by their names. */
    private static final ConcurrentHashMap<String, Integer> OLD_CLASS_FILE_SITES = new ConcurrentHashMap<>();

    final String selfKey;
    final String location;

    private FrameSite(String selfKey, String location) {
        this.selfKey = selfKey;
        this.location = location;
    }

    /**
     * The bootstrap of the {@code invokedynamic} ({@code ()I}) that rewritten code calls in a capture
     * block: a constant call site that returns the site's number, registered at the first capture.
     */
    public static CallSite bootstrap(MethodHandles.Lookup lookup, String name, MethodType type,
                                     String selfKey, String location) {
        return new ConstantCallSite(MethodHandles.constant(int.class, register(selfKey, location)));
    }

    /** The number of a site of a class file older than release 7 (no {@code invokedynamic}): a lookup. */
    static int numberOf(String selfKey, String location) {
        return OLD_CLASS_FILE_SITES.computeIfAbsent(selfKey + '\n' + location,
                k -> register(selfKey, location));
    }

    static FrameSite get(int number) {
        return sites[number];
    }

    private static synchronized int register(String selfKey, String location) {
        FrameSite[] all = sites;
        if (count == all.length) {
            if (count == LIMIT) {
                throw new IllegalStateException("coro4j: more than " + LIMIT + " suspending call sites");
            }
            all = Arrays.copyOf(all, count * 2);
        }
        all[count] = new FrameSite(selfKey, location);
        sites = all; // published after the new site is in place
        return count++;
    }
}
