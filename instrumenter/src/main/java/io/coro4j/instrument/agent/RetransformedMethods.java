package io.coro4j.instrument.agent;

import io.coro4j.instrument.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coroutine methods that a retransformation rewrote, by class. Retransforming swaps a method's code
 * for its future calls only: an activation already running goes on in the old, un-rewritten code, so
 * after an attach the agent looks for such activations on every thread's stack, and this record is what
 * it looks for. Stack frames name a method without its descriptor, so overloads are not told apart.
 *
 * <p>Filled by the transformer on the JVM's threads, drained by the agent after it retransformed.
 */
final class RetransformedMethods {
    private Map<String, Set<String>> byClass = new HashMap<>();

    /** {@code internalName}'s coroutine methods ({@code name+descriptor}) were just rewritten. */
    synchronized void record(String internalName, List<String> methods) {
        Set<String> names = byClass.computeIfAbsent(Names.dotted(internalName), k -> new HashSet<>());
        for (String method : methods) {
            names.add(method.substring(0, method.indexOf('(')));
        }
    }

    /** Everything recorded since the last drain, by binary class name; the record starts afresh. */
    synchronized Map<String, Set<String>> drain() {
        Map<String, Set<String>> recorded = byClass;
        byClass = new HashMap<>();
        return recorded;
    }
}
