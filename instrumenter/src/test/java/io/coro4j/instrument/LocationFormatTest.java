package io.coro4j.instrument;

import io.coro4j.protocol.CodeLocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The instrumenter writes locations into class files ({@link Names#location}) without linking the runtime,
 * which reads them back ({@link CodeLocation}): the two must agree on every shape, both ways.
 */
class LocationFormatTest {
    /** One location: the internal name of its class, its method, file and line. */
    private record Case(String owner, String method, String file, int line) {
        String dotted() {
            return owner.replace('/', '.');
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("com/example/Main", "main", "Main.java", 12),
            new Case("com/example/Outer$Inner", "lambda$run$0", "Outer.java", 1),
            new Case("Top", "<init>", "Top.java", 65535),
            new Case("a/b/C", "m", "C.kt", 0),          // no line: the file alone
            new Case("a/b/C", "m", "C.java", -1),
            new Case("a/b/C", "access$000", null, 7),    // no file: Unknown Source, the line lost
            new Case("a/b/C$1", "call", "Weird:Name.java", 3));

    @Test
    void bothSidesWriteTheSameText() {
        for (Case c : CASES) {
            assertEquals(CodeLocation.format(c.dotted(), c.method(), c.file(), c.line()),
                    Names.location(c.owner(), c.method(), c.file(), c.line()), c.toString());
        }
        assertEquals("com.example.Main.main(Main.java:12)", Names.location("com/example/Main", "main", "Main.java", 12));
        assertEquals("a.b.C.m(C.kt)", Names.location("a/b/C", "m", "C.kt", 0));
        assertEquals("a.b.C.access$000(Unknown Source)", Names.location("a/b/C", "access$000", null, 7));
    }

    @Test
    void theRuntimeReadsBackWhatTheInstrumenterWrote() {
        for (Case c : CASES) {
            StackTraceElement e = CodeLocation.parse(Names.location(c.owner(), c.method(), c.file(), c.line()));
            assertEquals(c.dotted(), e.getClassName(), c.toString());
            assertEquals(c.method(), e.getMethodName(), c.toString());
            assertEquals(c.file(), e.getFileName(), c.toString());
            assertEquals(c.file() != null && c.line() > 0 ? c.line() : -1, e.getLineNumber(), c.toString());
            assertEquals(Names.location(c.owner(), c.method(), c.file(), c.line()), CodeLocation.of(e),
                    "written again, the same text: " + c);
        }
    }

    @Test
    void aLiveFrameIsWrittenAsTheInstrumenterWritesItsLine() {
        StackWalker.StackFrame here = StackWalker.getInstance().walk(frames -> frames.findFirst().orElseThrow());
        assertEquals(Names.location("io/coro4j/instrument/LocationFormatTest", here.getMethodName(),
                "LocationFormatTest.java", here.getLineNumber()), CodeLocation.of(here));
    }
}
