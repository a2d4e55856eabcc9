package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseDouble;
import static coro4jtest.shapes.Pauses.pauseLong;
import static coro4jtest.shapes.Pauses.pauseRef;

import io.coro4j.Async;
import java.util.List;

/**
 * Every frame type the verifier knows, held at a suspension point: the null type as a receiver, a
 * local, a value below the call and an argument (replayed, for an interface call), unusable
 * ({@code TOP}) locals between live ones, and the primitive types beside them. Objects under
 * construction are in {@link ConstructorShapes}; the ones the rewrite cannot save are refused
 * ({@code UnsavableValuesTest}).
 */
@SuppressWarnings({"ConstantConditions", "DataFlowIssue"})
public class FrameTypeShapes {
    static final class Box {
        int total;

        @Async
        int add(int v) {
            total += pause(v);
            return total;
        }
    }

    interface Pair {
        @Async
        String apply(Object first, int second);
    }

    static String describe(Object a, int b, Object c, long d) {
        return a + "/" + b + "/" + c + "/" + d;
    }

    @Async
    public static Object shapeNullReceiverOfACoroutineCall() {
        // javac types 'none' as null: the receiver of add, whose argument suspends, has the null type
        Box none = null;
        try {
            return none.add(pause(1));
        } catch (NullPointerException expected) {
            return "npe after " + pause(2);
        }
    }

    @Async
    public static Object shapeNullReceiverOfAnInterfaceCall() {
        Pair none = null;
        try {
            return none.apply(null, pause(1));
        } catch (NullPointerException expected) {
            return "npe after " + pause(2);
        }
    }

    @Async
    public static Object shapeNullArgumentsOfAnInterfaceCallThatSuspends() {
        // the interface call replays its arguments on resume: a null-typed one among them
        Pair pair = (first, second) -> first + ":" + pause(second) + ":" + pauseRef("in");
        return pair.apply(null, pause(3)) + pair.apply("x", 4);
    }

    @Async
    public static Object shapeNullValuesBelowTheCall() {
        long wide = 7L;
        return describe(null, pause(1), null, wide + pauseLong(2L))
                + describe(null, 0, pauseRef(null), pauseLong(wide));
    }

    @Async
    public static Object shapeNullLocalsAroundLiveOnes() {
        Object none = null;
        int live = 5;
        String alsoNone = null;
        double wide = 1.5;
        live += pause(live);
        wide += pauseDouble(wide);
        return List.of(String.valueOf(none), live, String.valueOf(alsoNone), wide);
    }

    @Async
    public static Object shapeUnusableLocalsBetweenLiveOnes() {
        return unusableLocals(pause(1) > 0) + unusableLocals(pause(0) > 0);
    }

    @Async
    static String unusableLocals(boolean assigned) {
        int maybe;
        long wideMaybe;
        String after = "after";
        if (assigned) {
            maybe = 3;
            wideMaybe = 1L << 35;
            after += maybe + wideMaybe;
        }
        // maybe and wideMaybe are TOP here, between live locals
        int resumed = pause(4);
        maybe = resumed * 2;
        // a TOP slot reused with another type after the resume
        double reused = pauseDouble(maybe);
        return after + maybe + reused;
    }

    @Async
    public static Object shapeTopSlotsWhereABlockEnded() {
        int total = 0;
        for (int i = 0; i < 3; i++) {
            if (i % 2 == 0) {
                String text = "t" + i;
                total += text.length();
            } else {
                long wide = i * 10L;
                total += (int) wide;
            }
            // text's and wide's slots are TOP at this suspension
            total += pause(i);
        }
        return total;
    }
}
