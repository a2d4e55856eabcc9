package coro4jtest.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import io.coro4j.instrument.support.Verification;
import java.util.List;
import java.util.Map;

/**
 * A small coroutine program as source, for tests that compile it for one release or another and run
 * the class files through the transformer. It keeps to what {@code --release 8} (and, turned into
 * version 49 class files, Java 5) allows: no lambdas, no {@code var}, no string switch; javac 8 makes
 * {@code access$} accessors for the nested class and concatenates with {@code StringBuilder}.
 */
final class Program {
    static final String PACKAGE = "coro4jtest.releases.gen";
    static final String NAME = PACKAGE + ".Program";

    static final Map<String, String> SOURCES = Map.of(NAME, String.join("\n",
            "package " + PACKAGE + ";",
            "",
            "import io.coro4j.Async;",
            "import io.coro4j.protocol.Suspension;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "",
            "public class Program {",
            "    @Async",
            "    public static int pause(int v) {",
            "        Suspension.suspend();",
            "        return v;",
            "    }",
            "",
            "    @Async",
            "    private static String secret(int n) {",
            "        return \"secret\" + pause(n);",
            "    }",
            "",
            "    static class Nested {",
            "        @Async",
            "        String reveal(int n) {",
            "            return \"<\" + secret(pause(n)) + \">\";",
            "        }",
            "    }",
            "",
            "    interface Step {",
            "        @Async",
            "        int step(int x);",
            "    }",
            "",
            "    @Async",
            "    public static String run() {",
            "        List<String> out = new ArrayList<String>();",
            "        long wide = 1L << 40;",
            "        for (int i = 0; i < 3; i++) {",
            "            try {",
            "                out.add(\"i\" + i + \":\" + (wide + pause(i)));",
            "                if (i == 1) {",
            "                    throw new IllegalStateException(\"one\");",
            "                }",
            "            } catch (IllegalStateException e) {",
            "                out.add(e.getMessage() + pause(10));",
            "            } finally {",
            "                out.add(\"f\" + pause(20));",
            "            }",
            "        }",
            "        switch (pause(2)) {",
            "            case 2: out.add(\"two\"); break;",
            "            default: out.add(\"other\");",
            "        }",
            "        out.add(new Nested().reveal(3));",
            "        Step anonymous = new Step() {",
            "            public int step(int x) {",
            "                return x * pause(2);",
            "            }",
            "        };",
            "        out.add(String.valueOf(anonymous.step(21)));",
            "        return out.toString();",
            "    }",
            "}",
            ""));

    /** What {@code Program.run()} returns. */
    static final String RESULT = "[i0:1099511627776, f20, i1:1099511627777, one10, f20,"
            + " i2:1099511627778, f20, two, <secret3>, 42]";
    /** How many times it suspends. */
    static final int SUSPENSIONS = 11;

    private Program() {}

    /**
     * Loads {@code classFiles} through the transformer, runs {@code Program.run()} resuming after each
     * suspension, and checks its result, its suspensions and the verifier's opinion of every rewritten
     * class.
     */
    static void assertRunsTransformed(Map<String, byte[]> classFiles) throws Exception {
        TransformingLoader loader = new TransformingLoader(PACKAGE + ".", classFiles);
        java.lang.reflect.Method run = loader.loadClass(NAME).getMethod("run");
        Driver.Outcome outcome = Driver.runCallable(() -> run.invoke(null));

        assertNull(outcome.failure, () -> "failed: " + outcome.failure);
        assertEquals(RESULT, outcome.result);
        assertEquals(SUSPENSIONS, outcome.suspensions);
        assertTrue(loader.rewritten().keySet().containsAll(List.of(NAME, NAME + "$Nested", NAME + "$1")),
                () -> "rewritten: " + loader.rewritten().keySet());
        Verification.assertValid(loader.rewritten(), loader);
    }
}
