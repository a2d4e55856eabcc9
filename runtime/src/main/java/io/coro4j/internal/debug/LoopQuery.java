package io.coro4j.internal.debug;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Asks a loop a question from another thread (a JMX thread, a watchdog): the question runs on the loop
 * thread, where the loop's state may be read, as a callback posted with {@code callSoonThreadsafe}, and
 * the asker waits for the answer at most a timeout. A loop that does not answer in time is blocked in a
 * callback or task step (or not running): the answer then says so and shows what its thread is doing,
 * which is what someone asking for a dump of a stuck program needs most.
 */
public final class LoopQuery {
    private LoopQuery() {}

    /**
     * The answer of {@code question}, run on the loop of {@code loopThread}.
     *
     * @param post posts its first callback to the loop from any thread, or runs its second instead if the
     *     loop closes before it could run the first; false when the loop is closed already
     */
    public static String ask(Thread loopThread, BiPredicate<Runnable, Runnable> post, Supplier<String> question,
            Duration timeout) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Runnable asking = () -> {
            try {
                answer.complete(question.get());
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        };
        String loop = "the event loop of thread \"" + loopThread.getName() + "\"";
        if (!post.test(asking, () -> answer.complete(loop + " is closed"))) {
            return loop + " is closed";
        }
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            StringBuilder b = new StringBuilder(loop).append(" did not answer within ")
                    .append(timeout.toMillis()).append(" ms: a callback or task step blocks it (or it is not"
                    + " running). Its thread, ").append(loopThread.getState()).append(", is at:");
            StackPrinter.appendFrames(b, java.util.Arrays.asList(loopThread.getStackTrace()));
            return b.toString();
        } catch (ExecutionException e) {
            throw new IllegalStateException("asking " + loop + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for " + loop;
        }
    }
}
