package coro4jtest.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stress run did to one jar: the counts the issue asks to see in the test output, and the
 * details of whatever went wrong so that a failing run says which class and why.
 */
final class JarReport {
    final String jar;
    int classes;
    int classesTransformed;
    int methods;
    /** Constructors and static initializers: never coroutine methods, not even in stress mode. */
    int initializers;
    int methodsTransformed;
    final Map<String, Integer> refusedByReason = new TreeMap<>();
    /** Classes that threw out of the transformer: a crash is a rewriter bug. */
    final List<String> crashes = new ArrayList<>();
    int classesVerified;
    int classesSkippedByVerifier;
    /** Methods that verified, did not, or could not be checked (a class they need is missing). */
    int methodsVerified;
    int classesVerifiedByJvm;
    final List<String> verifyFailures = new ArrayList<>();
    final Map<String, Integer> unverifiableByMissingClass = new TreeMap<>();
    long transformMillis;
    long verifyMillis;
    long jvmMillis;

    JarReport(String jar) {
        this.jar = jar;
    }

    int refused() {
        return refusedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }

    int unverifiable() {
        return unverifiableByMissingClass.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** A verifier failure without its class, method and offsets: the first line of the message. */
    private static String kindOf(String failure) {
        String firstLine = failure.lines().findFirst().orElse("");
        return firstLine.substring(firstLine.indexOf(": ") + 2).replaceAll("\\d+", "N");
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("== stress: ").append(jar).append('\n');
        out.append(String.format("   classes %d (transformed %d), methods with code %d (constructors and"
                + " initializers %d), transformed %d, refused %d, crashed classes %d  [%d ms]%n", classes,
                classesTransformed, methods, initializers, methodsTransformed, refused(), crashes.size(),
                transformMillis));
        refusedByReason.forEach((reason, n) -> out.append(String.format("   refused %5d  %s%n", n, reason)));
        out.append(String.format("   verified: classes %d (skipped by sampling %d), methods %d passed,"
                + " %d failed, %d unverifiable  [%d ms]; classes linked by the JVM's verifier %d  [%d ms]%n",
                classesVerified, classesSkippedByVerifier, methodsVerified, verifyFailures.size(),
                unverifiable(), verifyMillis, classesVerifiedByJvm, jvmMillis));
        unverifiableByMissingClass.forEach((missing, n) ->
                out.append(String.format("   unverifiable %5d  class not on the jar's path: %s%n", n, missing)));
        crashes.stream().limit(10).forEach(c -> out.append("   CRASH ").append(c).append('\n'));
        Map<String, Integer> kinds = new TreeMap<>();
        for (String failure : verifyFailures) {
            kinds.merge(kindOf(failure), 1, Integer::sum);
        }
        kinds.forEach((kind, n) -> out.append(String.format("   failed %5d  %s%n", n, kind)));
        verifyFailures.stream().limit(3).forEach(f -> out.append("   VERIFY ").append(f).append('\n'));
        return out.toString();
    }
}
