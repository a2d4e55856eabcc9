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

    /**
     * {@code "20 ms"} in nanoseconds; {@code otherwise} when it does not parse. The space is optional, as it is
     * to JFR: {@code jcmd <pid> JFR.start +io.coro4j.LoopLag#minimumLag=20ms} passes {@code "20ms"}.
     */
    static long parse(String text, long otherwise) {
        String t = text.trim();
        int digits = 0;
        while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(t.substring(0, digits));
            switch (t.substring(digits).trim().toLowerCase(Locale.ROOT)) {
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
            return otherwise; // too many digits for a long
        }
    }
}
