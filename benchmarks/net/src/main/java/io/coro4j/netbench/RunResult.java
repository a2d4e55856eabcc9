package io.coro4j.netbench;

import java.util.Locale;

/**
 * One run of the load client.
 *
 * @param connections     connections, each running its own closed loop
 * @param messageBytes    bytes per message (and per echo)
 * @param seconds         the measured window
 * @param requests        echoes completed in the window
 * @param requestsPerSecond {@code requests / seconds}
 * @param p50Micros       median round trip, send of the first byte to receipt of the last echoed byte
 * @param p99Micros       99th percentile round trip
 * @param p999Micros      99.9th percentile round trip
 * @param maxMicros       longest round trip
 * @param bytesChecked    echoed bytes compared with what was sent, warm-up included
 * @param errors          wrong echoes, failed connections and echoes that never came
 * @param firstError      the first of them, or null
 * @param clientThreadCpu the client thread's CPU time over the window, in cores (1.0: its core was full)
 * @param clientProcessCpu the client process's, JIT and collector included
 * @param serverCpu       the server process's, or -1 when not measured
 * @param clientBytesPerRequest bytes the client thread allocated per request in the window
 */
public record RunResult(int connections, int messageBytes, double seconds, long requests,
                        double requestsPerSecond, double p50Micros, double p99Micros, double p999Micros,
                        double maxMicros, long bytesChecked, long errors, String firstError,
                        double clientThreadCpu, double clientProcessCpu, double serverCpu,
                        double clientBytesPerRequest) {

    /** One JSON object on one line, with {@code label} (the server's name) as its first field. */
    public String toJson(String label) {
        return String.format(Locale.ROOT, "{\"server\": %s, \"connections\": %d, \"message_bytes\": %d,"
                        + " \"seconds\": %.3f, \"requests\": %d, \"rps\": %.1f, \"p50_us\": %.1f, \"p99_us\": %.1f,"
                        + " \"p999_us\": %.1f, \"max_us\": %.1f, \"bytes_checked\": %d, \"errors\": %d,"
                        + " \"first_error\": %s, \"client_thread_cpu\": %.3f, \"client_process_cpu\": %.3f,"
                        + " \"server_cpu\": %.3f, \"client_bytes_per_request\": %.2f}",
                quote(label), connections, messageBytes, seconds, requests, requestsPerSecond, p50Micros,
                p99Micros, p999Micros, maxMicros, bytesChecked, errors, quote(firstError), clientThreadCpu,
                clientProcessCpu, serverCpu, clientBytesPerRequest);
    }

    /** A line for people. */
    public String summary() {
        return String.format(Locale.ROOT, "%d connections: %,.0f req/s, p50 %.1f µs, p99 %.1f µs, max %.0f µs;"
                        + " client thread %.0f%% of a core, client process %.0f%%, server %s; %,d bytes checked,"
                        + " %d errors%s",
                connections, requestsPerSecond, p50Micros, p99Micros, maxMicros, 100 * clientThreadCpu,
                100 * clientProcessCpu, serverCpu < 0 ? "not measured" : String.format(Locale.ROOT, "%.0f%%",
                        100 * serverCpu), bytesChecked, errors, firstError == null ? "" : " (first: " + firstError + ")");
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
