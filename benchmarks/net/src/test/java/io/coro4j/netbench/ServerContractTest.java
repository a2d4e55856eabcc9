package io.coro4j.netbench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each server's main, started as run.sh starts it (a process of its own on port 0), follows the contract
 * of {@link ServerProcess}: it prints {@code listening 127.0.0.1 PORT}, echoes every byte the load client
 * sends, answers {@code heap} with two positive numbers and an unknown command with an error, and exits
 * with status 0 when its standard input closes.
 */
@ExtendWith(NoDescriptorLeaks.class)
@Timeout(90)
class ServerContractTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void coro4jMain() throws Exception {
        String agent = System.getProperty("netbench.agent.jar");
        assertNotNull(agent, "the build passes netbench.agent.jar");
        assertTrue(Files.isRegularFile(Path.of(agent)), "no agent jar at " + agent + ": build the instrumenter first");
        checkContract(List.of(java(), "-javaagent:" + agent, "-cp", System.getProperty("java.class.path"),
                "io.coro4j.netbench.Coro4jEchoServer", "127.0.0.1", "0"), "coro4j");
    }

    @Test
    void nettyMain() throws Exception {
        checkContract(List.of(java(), "-cp", System.getProperty("java.class.path"),
                "io.coro4j.netbench.NettyEchoServer", "127.0.0.1", "0"), "netty");
    }

    @Test
    void virtualThreadMain() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        checkContract(List.of(java(), "-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1", "-cp", System.getProperty("java.class.path"),
                "io.coro4j.netbench.vt.VirtualThreadEchoServer", "127.0.0.1", "0"), "vt");
    }

    @Test
    void asyncioServer() throws Exception {
        assumeTrue(python3Runs(), "python3 is not on the PATH");
        String script = System.getProperty("netbench.python.server");
        assertNotNull(script, "the build passes netbench.python.server");
        checkContract(List.of("python3", script, "127.0.0.1", "0"), "asyncio");
    }

    @Test
    void aJavaServerAnswersHeapWithItsLiveHeapAndRss() throws Exception {
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        ServerProcess.serveCommands(new ByteArrayInputStream("heap\n\nnope\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(answers, true, StandardCharsets.UTF_8));
        String[] lines = answers.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, answers.toString(StandardCharsets.UTF_8));
        String[] heap = lines[0].split(" ");
        assertEquals("heap", heap[0]);
        long live = Long.parseLong(heap[1]);
        long rss = Long.parseLong(heap[2]);
        assertTrue(live > 0 && live < Runtime.getRuntime().totalMemory(), lines[0]);
        assertTrue(rss > live, lines[0]);
        assertEquals("error unknown command 'nope': the commands are: heap", lines[1]);
    }

    /** Runs {@code command}, whose standard error goes to {@code target/contract-NAME.err}. */
    @Test
    void theCommandThreadAnswersThenRunsItsEndAction() throws Exception {
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        CountDownLatch ended = new CountDownLatch(1);
        Thread thread = ServerProcess.startCommandThread(
                new ByteArrayInputStream("heap\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(answers, true, StandardCharsets.UTF_8), ended::countDown);
        assertTrue(thread.isDaemon());
        assertTrue(ended.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the end action did not run");
        thread.join(TIMEOUT.toMillis());
        assertTrue(answers.toString(StandardCharsets.UTF_8).matches("heap \\d+ \\d+\n"),
                answers.toString(StandardCharsets.UTF_8));
    }

    private void checkContract(List<String> command, String name) throws Exception {
        // a name of our own: a temporary file's random name would open /dev/random for the JVM's life
        Path stderr = Path.of(System.getProperty("netbench.test.dir", "target"), "contract-" + name + ".err");
        Files.createDirectories(stderr.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        if (name.equals("asyncio")) {
            builder.environment().put("PYTHONTRACEMALLOC", "1");
        }
        Process server = builder.start();
        try {
            BlockingQueue<String> lines = linesOf(server);
            OutputStream commands = server.getOutputStream();
            String listening = next(lines, server, stderr);
            String[] words = listening.split(" ");
            assertTrue(words.length == 3 && words[0].equals("listening") && words[1].equals("127.0.0.1"), listening);
            int port = Integer.parseInt(words[2]);
            assertTrue(port > 0, listening);

            try (LoadClient client = LoadClient.open(LoadClientTest.address(port), 4, LoadClient.DEFAULT_MESSAGE_BYTES,
                    TIMEOUT)) {
                LoadClientTest.assertAllEchoed(client.requests(400, TIMEOUT), 4, 400);
            }

            commands.write("heap\n".getBytes(StandardCharsets.UTF_8));
            commands.flush();
            String heap = next(lines, server, stderr);
            String[] numbers = heap.split(" ");
            assertTrue(numbers.length == 3 && numbers[0].equals("heap"), heap);
            assertTrue(Long.parseLong(numbers[1]) > 0 && Long.parseLong(numbers[2]) > 0, heap);

            commands.write("bogus\n".getBytes(StandardCharsets.UTF_8));
            commands.flush();
            String error = next(lines, server, stderr);
            assertTrue(error.startsWith("error unknown command 'bogus'"), error);

            commands.close();
            assertTrue(server.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    "the server did not exit when its standard input closed");
            assertEquals(0, server.exitValue(), Files.readString(stderr));
        } finally {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
            server.getInputStream().close();
            server.getOutputStream().close();
        }
    }

    /** The server's standard output, line by line, read by a thread that ends at its end. */
    private static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines, Process server, Path stderr) throws Exception {
        String line = lines.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (line == null) {
            fail("no line from the server within " + TIMEOUT + " (alive: " + server.isAlive() + "); its stderr:\n"
                    + Files.readString(stderr));
        }
        return line;
    }

    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static boolean python3Runs() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import asyncio")
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            p.getInputStream().readAllBytes();
            p.getInputStream().close();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
