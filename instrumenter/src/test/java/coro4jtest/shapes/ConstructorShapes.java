package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseDouble;
import static coro4jtest.shapes.Pauses.pauseLong;
import static coro4jtest.shapes.Pauses.pauseRef;

import io.coro4j.Async;

/**
 * Objects under construction ({@code NEW; DUP} on the operand stack) while a constructor argument
 * suspends: nested, with arguments of every width, and inside an exception handler.
 */
public class ConstructorShapes {
    static final class Inner {
        final int x;

        Inner(int x) {
            this.x = x;
        }

        @Override
        public String toString() {
            return "Inner(" + x + ")";
        }
    }

    static final class Outer {
        final String text;

        Outer(Object inner, int y) {
            this.text = "Outer(" + inner + "," + y + ")";
        }

        Outer(int a, long b, long c, double d, double e, Object f) {
            this.text = "Outer(" + a + "," + b + "," + c + "," + d + "," + e + "," + f + ")";
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Async
    public static Object shapeNestedConstructorArguments() {
        // new A(new B(x()), y()): two objects under construction while x() suspends, one while y() does
        return new Outer(new Inner(pause(1)), pause(2)).toString();
    }

    @Async
    public static Object shapeNestedConstructorsTwoDeep() {
        return new Outer(new Outer(new Inner(pause(1)), pause(2)), new Inner(pause(3)).x).toString();
    }

    @Async
    public static Object shapeConstructorArgumentsOfEveryWidth() {
        int a = 4;
        return new Outer(a, pauseLong(2L), 3L, pauseDouble(0.5), 3.0, pauseRef("r")).toString();
    }

    @Async
    public static Object shapeConstructorInsideAnExceptionHandler() {
        try {
            throw new IllegalStateException("boom" + pause(1));
        } catch (IllegalStateException e) {
            // javac stores the caught exception in a local before the NEW: a handler it compiles never
            // starts with NEW; DUP_X1; SWAP (the exception kept on the stack under the new object)
            return new Outer(e.getMessage(), pause(2)).toString();
        }
    }

    @Async
    public static Object shapeConstructorWrappingTheCaughtException() {
        try {
            throw new IllegalArgumentException("cause" + pause(1));
        } catch (IllegalArgumentException e) {
            RuntimeException wrapped = new RuntimeException(pauseRef("wrapped"), e);
            return wrapped.getMessage() + "<-" + wrapped.getCause().getMessage();
        }
    }

    @Async
    public static Object shapeConstructorAsReceiverOfASuspendingCall() {
        return new Inner(pause(4)).toString() + new StringBuilder(pauseRef("sb")).append(pause(5));
    }

    /** What ran, in order, in this class loader's copy of the shapes. */
    static final class InitLog {
        static final java.util.List<String> EVENTS = new java.util.ArrayList<>();
    }

    static final class Traced {
        static {
            InitLog.EVENTS.add("static initializer");
        }

        final int v;

        Traced(int v) {
            this.v = v;
        }
    }

    private static int logged(int v) {
        InitLog.EVENTS.add("argument " + v);
        return v;
    }

    @Async
    public static Object shapeConstructorArgumentKeepsStaticInitializerOrder() {
        // javac's NEW runs Traced's static initializer before the argument is computed; the rewrite
        // moves the NEW after the argument, and must keep the initializer first
        Traced t = new Traced(logged(pause(1)));
        // the first event, and the last: the same however often the shape ran in this class loader
        return InitLog.EVENTS.get(0) + ", ..., " + InitLog.EVENTS.get(InitLog.EVENTS.size() - 1) + " v=" + t.v;
    }
}
