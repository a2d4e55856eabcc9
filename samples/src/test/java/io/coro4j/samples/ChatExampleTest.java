package io.coro4j.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatExample}: every line reaches the other clients and not its sender, joins and departures (a
 * close, a lost connection) are announced, and the server closes with no connection left. The transcript
 * is the same at every run, since each step of the demo waits for the lines it causes. The task dump in
 * the middle shows, from the user's side, each handler task named after its client and waiting to read
 * from that client's address (issue 11, item 8), and each sender task waiting on its outbox.
 */
class ChatExampleTest {
    private static final Pattern JOIN = Pattern.compile("(\\w+) joins from 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void linesReachTheOthersAndDeparturesAreAnnounced() throws Exception {
        SampleRun run = SampleRun.of(ChatExample.class);
        run.assertSucceeded();
        List<String> lines = run.lines();
        int dumpStart = lines.indexOf("--- task dump ---");
        int dumpEnd = lines.indexOf("--- end of the task dump ---");
        assertTrue(dumpStart >= 0 && dumpEnd > dumpStart, run.stdout);

        List<String> transcript = new ArrayList<>(lines.subList(0, dumpStart + 1));
        transcript.addAll(lines.subList(dumpEnd, lines.size()));
        run.withOutput(transcript).assertMatchesExpected("ChatExample");

        String dump = String.join("\n", lines.subList(dumpStart + 1, dumpEnd));
        int clients = 0;
        for (String line : transcript) {
            Matcher join = JOIN.matcher(line);
            if (join.matches()) {
                clients++;
                String name = join.group(1);
                String handler = "<Task pending name='chat " + name + "' coro=<";
                String sender = "<Task pending name='to " + name + "' coro=<";
                assertTrue(dump.contains(handler), "the dump names " + name + "'s handler task:\n" + dump);
                String handlerEntry = entry(dump, handler);
                assertTrue(handlerEntry.contains("\n   state: waiting to read from 127.0.0.1:" + join.group(2) + "\n"),
                        name + "'s handler waits to read from " + name + "'s address:\n" + handlerEntry);
                assertTrue(handlerEntry.contains("at io.coro4j.samples.ChatExample$ChatRoom.handle(ChatExample.java:"),
                        "with the sample's frame and line:\n" + handlerEntry);
                assertTrue(entry(dump, sender).contains("\n   state: waiting on Queue.get\n"),
                        name + "'s sender waits on its outbox:\n" + dump);
            }
        }
        assertEquals(3, clients, run.stdout);
        assertTrue(dump.startsWith("Task dump of the event loop of thread \"main\": 7 pending tasks"),
                "the main task, and a handler and a sender per client:\n" + dump);
    }

    /** The dump's entry for one task: from its header to the next blank line. */
    private static String entry(String dump, String header) {
        int start = dump.indexOf(header);
        assertTrue(start >= 0, "no " + header + " in the dump:\n" + dump);
        int end = dump.indexOf("\n\n", start);
        return dump.substring(start, end < 0 ? dump.length() : end) + "\n";
    }
}
