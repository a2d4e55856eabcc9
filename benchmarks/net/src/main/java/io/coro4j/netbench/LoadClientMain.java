package io.coro4j.netbench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The load client's command line ({@code run.sh} calls it; see {@link LoadClient}).
 *
 * <pre>
 * run HOST PORT [--connections N] [--bytes B] [--warmup S] [--duration S] [--label NAME]
 *               [--server-pid PID] [--clock-ticks T]
 *     the closed loop: warm-up, then a timed window; prints "result {json}" (RunResult.toJson)
 * requests HOST PORT --requests R [--connections N] [--bytes B] [--timeout S] [--label NAME]
 *     R messages in all, every echo measured; prints "result {json}"
 * idle HOST PORT --connections N [--bytes B] [--timeout S]
 *     opens N connections, one checked echo each, prints "open N", holds them until standard input
 *     ends, closes them and prints "closed"
 * </pre>
 *
 * Seconds may have a fraction. Exits with 1 when an echo was wrong or lost (after printing the result),
 * 2 on a usage error.
 */
public final class LoadClientMain {
    private static final Set<String> OPTIONS = Set.of("--connections", "--bytes", "--warmup", "--duration",
            "--label", "--server-pid", "--clock-ticks", "--requests", "--timeout");

    private LoadClientMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            usage("expected a mode, a host and a port");
        }
        String mode = args[0];
        InetSocketAddress server = new InetSocketAddress(args[1], integer("port", args[2]));
        Map<String, String> options = options(args);
        int connections = integer("--connections", options.getOrDefault("--connections", "1"));
        int bytes = integer("--bytes", options.getOrDefault("--bytes", Integer.toString(LoadClient.DEFAULT_MESSAGE_BYTES)));
        String label = options.getOrDefault("--label", "server");
        Duration timeout = seconds("--timeout", options.getOrDefault("--timeout", "60"));
        switch (mode) {
            case "run": {
                Duration warmup = seconds("--warmup", options.getOrDefault("--warmup", "5"));
                Duration window = seconds("--duration", options.getOrDefault("--duration", "10"));
                long serverPid = integer("--server-pid", options.getOrDefault("--server-pid", "0"));
                int ticks = integer("--clock-ticks", options.getOrDefault("--clock-ticks", "100"));
                try (LoadClient client = LoadClient.open(server, connections, bytes, timeout)) {
                    report(label, client.closedLoop(warmup, window, serverPid, ticks));
                }
                break;
            }
            case "requests": {
                if (!options.containsKey("--requests")) {
                    usage("requests needs --requests R");
                }
                long total = integer("--requests", options.get("--requests"));
                try (LoadClient client = LoadClient.open(server, connections, bytes, timeout)) {
                    report(label, client.requests(total, timeout));
                }
                break;
            }
            case "idle": {
                try (LoadClient client = LoadClient.open(server, connections, bytes, timeout)) {
                    client.echoOnceEach(timeout);
                    System.out.println("open " + client.connectionCount());
                    System.out.flush();
                    waitForEndOfInput(System.in);
                }
                System.out.println("closed");
                break;
            }
            default:
                usage("unknown mode " + mode);
        }
    }

    private static void report(String label, RunResult result) {
        System.out.println("result " + result.toJson(label));
        System.err.println(label + ": " + result.summary());
        if (result.errors() > 0) {
            System.exit(1);
        }
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] sink = new byte[256];
        while (in.read(sink) >= 0) {
            // anything written is ignored; only the end matters
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 3; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                usage("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                usage(args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static int integer(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage(name + " must be a whole number ≥ 0, got '" + value + "'");
        return 0;
    }

    private static Duration seconds(String name, String value) {
        try {
            double s = Double.parseDouble(value);
            if (s >= 0 && s < 86_400) {
                return Duration.ofNanos((long) (s * 1e9));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage(name + " must be seconds between 0 and 86400, got '" + value + "'");
        return Duration.ZERO;
    }

    private static void usage(String problem) {
        System.err.println("LoadClientMain: " + problem + "\nusage:\n"
                + "  run HOST PORT [--connections N] [--bytes B] [--warmup S] [--duration S] [--label NAME]"
                + " [--server-pid PID] [--clock-ticks T]\n"
                + "  requests HOST PORT --requests R [--connections N] [--bytes B] [--timeout S] [--label NAME]\n"
                + "  idle HOST PORT --connections N [--bytes B] [--timeout S]");
        System.exit(2);
    }
}
