package io.coro4j.instrument.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaleActivationsTest {
    private static final Thread WORKER = new Thread(() -> { }, "worker");

    private static StackTraceElement frame(String cls, String method, String file, int line) {
        return new StackTraceElement(cls, method, file, line);
    }

    @Test
    void namesEachRunningRewrittenMethodWithTheLineItHadBeforeTheRetransformation() {
        StackTraceElement bottom = frame("app.Main", "main", "Main.java", 3);
        StackTraceElement[] before = {frame("app.Work", "loop", "Work.java", 12), bottom};
        // after the retransformation the old code's frame has lost its line, and a new frame was pushed
        StackTraceElement[] after = {frame("java.lang.Thread", "sleep", null, -2),
                frame("app.Work", "loop", null, -1), bottom};
        List<String> warnings = StaleActivations.find(Map.of("app.Work", Set.of("loop")),
                Map.of(WORKER, before), Map.of(WORKER, after));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("coro4j was attached while thread \"worker\" was running"
                + " coroutine method app.Work.loop(Work.java:12): this activation keeps running the old,"
                + " un-rewritten code and cannot suspend"), warnings.get(0));
    }

    @Test
    void methodsThatWereNotRewrittenAreNotReported() {
        StackTraceElement[] stack = {frame("app.Work", "helper", "Work.java", 20)};
        assertEquals(List.of(), StaleActivations.find(Map.of("app.Work", Set.of("loop")),
                Map.of(WORKER, stack), Map.of(WORKER, stack)));
    }
}
