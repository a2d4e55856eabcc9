package io.coro4j.internal.jfr;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.SettingControl;

/**
 * The {@code minimumLag} setting of {@link LoopLagEvent}: a timespan as JFR writes them ({@code "1 ms"},
 * {@code "20 ms"}, {@code "0 ns"}); of several recordings' values, the smallest wins, so each gets what it
 * asked for (JFR's own thresholds combine so).
 */
public final class MinimumLag extends SettingControl {
    private static final String DEFAULT = "1 ms";

    private String value = DEFAULT;
    private volatile long nanos = parse(DEFAULT, 1_000_000);

    /** Made by JFR. */
    public MinimumLag() {}

    long nanos() {
        return nanos;
    }

    @Override
    public String combine(Set<String> values) {
        String smallest = null;
        long least = Long.MAX_VALUE;
        for (String v : values) {
            long n = parse(v, Long.MAX_VALUE);
            if (smallest == null || n < least) {
                smallest = v;
                least = n;
            }
        }
        return smallest == null ? DEFAULT : smallest;
    }

    @Override
    public void setValue(String value) {
        this.value = value;
        this.nanos = parse(value, nanos);
    }

    @Override
    public String getValue() {
        return value;
    }

    /** {@code "20 ms"} in nanoseconds; {@code otherwise} when it does not parse. */
    static long parse(String text, long otherwise) {
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(parts[0]);
            switch (parts[1].toLowerCase(Locale.ROOT)) {
                case "ns": return n;
                case "us": return TimeUnit.MICROSECONDS.toNanos(n);
                case "ms": return TimeUnit.MILLISECONDS.toNanos(n);
                case "s": return TimeUnit.SECONDS.toNanos(n);
                case "m": return TimeUnit.MINUTES.toNanos(n);
                case "h": return TimeUnit.HOURS.toNanos(n);
                case "d": return TimeUnit.DAYS.toNanos(n);
                default: return otherwise;
            }
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
