package coro4jtest.stress;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Groups refusal messages by their kind: a message names class, method, line and callee, which would
 * make every refusal a group of its own. An unknown message is its own group, shown in full, so a new
 * kind of refusal is seen (and judged legitimate or not) in the report.
 */
final class RefusalReasons {
    private static final Map<Pattern, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(Pattern.compile("it is synchronized"), "synchronized method");
        KINDS.put(Pattern.compile("can suspend inside a synchronized block"), "call inside a synchronized block");
        KINDS.put(Pattern.compile("under construction"), "object under construction live across a call");
        KINDS.put(Pattern.compile("too large after rewriting"), "too large after rewriting");
        KINDS.put(Pattern.compile("JSR/RET"), "JSR/RET subroutines");
        KINDS.put(Pattern.compile("older than Java 6"), "class file older than Java 6");
    }

    private RefusalReasons() {}

    static String kindOf(String message) {
        for (Map.Entry<Pattern, String> kind : KINDS.entrySet()) {
            if (kind.getKey().matcher(message).find()) {
                return kind.getValue();
            }
        }
        return "other: " + message;
    }
}
