package io.coro4j.instrument.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * How the agent is told to behave, from system properties:
 *
 * <ul>
 *   <li>{@code coro4j.exclude=com.example.legacy,org.other}: classes in these packages (prefixes) are
 *       never transformed; a suspension that reaches one of their coroutine methods is reported;
 *   <li>{@code coro4j.stress=true}: every method with code is treated as a coroutine method and every
 *       call in it as a suspension point (a torture test of the rewriter over real jars; the rewritten
 *       code is not meant to run as a coroutine);
 *   <li>{@code coro4j.dump=DIR} and {@code coro4j.verbose=true}: see {@code CoroTransformer}.
 * </ul>
 */
public final class TransformOptions {
    private final boolean stress;
    private final List<String> excluded;

    public TransformOptions(boolean stress, List<String> excludedPackages) {
        this.stress = stress;
        this.excluded = new ArrayList<>();
        for (String prefix : excludedPackages) {
            String trimmed = prefix.trim();
            if (!trimmed.isEmpty()) {
                excluded.add(trimmed.replace('.', '/'));
            }
        }
    }

    /** The defaults: no stress mode, nothing excluded. */
    public static TransformOptions defaults() {
        return new TransformOptions(false, List.of());
    }

    /** The options the system properties ask for. */
    public static TransformOptions fromSystemProperties() {
        String exclude = System.getProperty("coro4j.exclude", "");
        return new TransformOptions(Boolean.getBoolean("coro4j.stress"), List.of(exclude.split(",")));
    }

    public boolean stress() {
        return stress;
    }

    /** Whether the user excluded the class {@code internalName} from the agent. */
    public boolean isExcluded(String internalName) {
        for (String prefix : excluded) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
