package io.coro4j.instrument.pipeline;

import io.coro4j.instrument.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * How the agent is told to behave, from system properties:
 *
 * <ul>
 *   <li>{@code coro4j.exclude=com.example.legacy,org.other}: classes in these packages (prefixes) are
 *       never transformed; a suspension that reaches one of their coroutine methods is reported;
 *   <li>{@code coro4j.include=com.example,org.other}: only classes in these packages (prefixes), and
 *       coro4j's own, are transformed, and only their class files are read to find coroutine methods;
 *       every other class is let through after a check of its name (no other cost at load time);
 *   <li>{@code coro4j.stress=true}: every method with code is treated as a coroutine method and every
 *       call in it as a suspension point (a torture test of the rewriter over real jars; the rewritten
 *       code is not meant to run as a coroutine);
 *   <li>{@code coro4j.dump=DIR} and {@code coro4j.verbose=true}: see {@code CoroTransformer}.
 * </ul>
 */
public final class TransformOptions {
    private final boolean stress;
    private final List<String> excluded;
    /** Empty: every package is included. */
    private final List<String> included;

    public TransformOptions(boolean stress, List<String> excludedPackages) {
        this(stress, excludedPackages, List.of());
    }

    public TransformOptions(boolean stress, List<String> excludedPackages, List<String> includedPackages) {
        this.stress = stress;
        this.excluded = prefixes(excludedPackages);
        this.included = prefixes(includedPackages);
    }

    private static List<String> prefixes(List<String> packages) {
        List<String> prefixes = new ArrayList<>();
        for (String prefix : packages) {
            String trimmed = prefix.trim();
            if (!trimmed.isEmpty()) {
                prefixes.add(trimmed.replace('.', '/'));
            }
        }
        return prefixes;
    }

    /** The defaults: no stress mode, nothing excluded, everything included. */
    public static TransformOptions defaults() {
        return new TransformOptions(false, List.of());
    }

    /** The options the system properties ask for. */
    public static TransformOptions fromSystemProperties() {
        return new TransformOptions(Boolean.getBoolean("coro4j.stress"), list("coro4j.exclude"),
                list("coro4j.include"));
    }

    private static List<String> list(String property) {
        return List.of(System.getProperty(property, "").split(","));
    }

    public boolean stress() {
        return stress;
    }

    /** Whether the user excluded the class {@code internalName} from the agent. */
    public boolean isExcluded(String internalName) {
        return startsWithAny(internalName, excluded);
    }

    /**
     * Whether the class {@code internalName} is in a package the user included (any, when no list was
     * given); coro4j's own classes always are, since the runtime holds coroutine methods of its own.
     */
    public boolean isIncluded(String internalName) {
        return included.isEmpty() || internalName.startsWith(Names.PACKAGE_PREFIX)
                || startsWithAny(internalName, included);
    }

    private static boolean startsWithAny(String internalName, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
