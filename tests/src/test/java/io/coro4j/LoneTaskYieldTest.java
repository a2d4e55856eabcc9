package io.coro4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.CancellationException;

/**
 * A task that yields ({@code sleep(0)}) with nothing else ready, step by step as asyncio runs it: the
 * posts and due timers a turn collects, the callbacks of ready channels, run after the task's next step
 * and before its step after that; a cancel requested during its step is delivered at its yield. Any
 * shortcut for a lone task's yield (one was tried: BENCHMARKS.md) must keep these timelines; one that
 * skipped or reordered what a turn collects, or a pending cancel, fails here.
 */
@Timeout(30)
@ExtendWith(NoDescriptorLeaks.class)
class LoneTaskYieldTest extends StepRecorder {
    @Test
    void aDueTimerRunsInTheTurnAfterTheYieldBehindTheTask() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            expect(1);
            loop.callLater(ZERO, () -> expect(3)); // due now, collected when the next turn begins
            Coro.sleep(ZERO); // next turn: [main, timer]
            expect(2);
            Coro.sleep(ZERO); // behind the timer
            expect(4);
        });
        finish(5);
    }

    @Test
    void aPostFromAnotherThreadRunsInTheTurnAfterTheYieldBehindTheTask() throws Exception {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            expect(1);
            Thread poster = new Thread(() -> loop.callSoonThreadsafe(() -> expect(3)));
            poster.start();
            poster.join(); // posted: in the inbox until the next turn begins
            Coro.sleep(ZERO); // next turn: [main, post]
            expect(2);
            Coro.sleep(ZERO);
            expect(4);
        });
        finish(5);
    }

    @Test
    void aReadyChannelsCallbackRunsInTheTurnAfterTheYieldBehindTheTask() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            sink.write(ByteBuffer.wrap(new byte[] {42}));
            Coro.run(() -> {
                EventLoop loop = Coro.getRunningLoop();
                expect(1);
                loop.addReader(source, () -> {
                    expect(3);
                    loop.removeReader(source);
                });
                Coro.sleep(ZERO); // next turn: [main, reader]
                expect(2);
                Coro.sleep(ZERO);
                expect(4);
            });
            finish(5);
        }
    }

    @Test
    void aCallbackCollectedByTheTurnRunsBeforeWhatItSchedulesForTheTurnAfter() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            expect(1);
            loop.callLater(ZERO, () -> {
                expect(3);
                loop.callLater(ZERO, () -> expect(5)); // due at once, collected by the turn after
            });
            Coro.sleep(ZERO); // turn 2: [main, timer 1]
            expect(2);
            Coro.sleep(ZERO); // behind timer 1 (turn 3: [main, timer 2])
            expect(4);
            Coro.sleep(ZERO); // behind timer 2
            expect(6);
        });
        finish(7);
    }

    @Test
    void aCancelOfTheLoneTaskDuringItsStepIsDeliveredAtItsYield() {
        Coro.run(() -> {
            Task<Void> lone = Coro.createTask(() -> {
                expect(2);
                Coro.currentTask().cancel("stop here"); // the main task waits in join: this one is alone
                try {
                    Coro.sleep(ZERO);
                    expectUnreached();
                } catch (CancellationException e) {
                    expect(3);
                    throw e;
                }
            });
            expect(1);
            try {
                lone.join();
                expectUnreached();
            } catch (CancellationException e) {
                expect(4);
            }
        });
        finish(5);
    }

    @Test
    void aLoneTaskYieldingManyTimesLetsATimerOfALaterDeadlineFire() {
        Coro.run(() -> {
            EventLoop loop = Coro.getRunningLoop();
            boolean[] fired = {false};
            loop.callLater(ms(5), () -> fired[0] = true);
            long started = System.nanoTime();
            int yields = 0;
            while (!fired[0]) {
                Coro.sleep(ZERO);
                yields++;
                if (System.nanoTime() - started > 10_000_000_000L) {
                    throw new AssertionError("the timer never fired in " + yields + " yields");
                }
            }
        });
    }
}
