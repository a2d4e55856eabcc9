package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link AllTasksExample} prints the ten tasks' greetings in the order they were created, then one line
 * per task of the loop: the main task and the ten it started, each with the coroutine it runs.
 */
class AllTasksExampleTest {
    @Test
    void listsAllElevenTasks() throws Exception {
        SampleRun run = SampleRun.of(AllTasksExample.class);
        run.assertSucceeded();
        run.assertMatchesExpected("AllTasksExample");

        // asyncio.all_tasks() is a set: check the names as a set, whatever the order of the lines.
        Set<String> names = new HashSet<>();
        for (String line : run.lines()) {
            if (!line.startsWith("> ")) {
                continue;
            }
            String[] nameAndCoro = line.substring(2).split(", ", 2);
            assertEquals(2, nameAndCoro.length, line);
            String name = nameAndCoro[0];
            String coro = nameAndCoro[1];
            assertTrue(names.add(name), "task listed twice: " + line);
            if (name.equals("Task-1")) {
                assertTrue(coro.contains("main"), "the main task runs main: " + line);
            } else {
                assertTrue(coro.contains("taskCoroutine"), "a started task runs taskCoroutine: " + line);
            }
        }
        Set<String> expected = IntStream.rangeClosed(1, 11).mapToObj(n -> "Task-" + n).collect(Collectors.toSet());
        assertEquals(expected, names);
    }
}
