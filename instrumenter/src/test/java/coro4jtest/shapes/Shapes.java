package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseBoolean;
import static coro4jtest.shapes.Pauses.pauseChar;
import static coro4jtest.shapes.Pauses.pauseDouble;
import static coro4jtest.shapes.Pauses.pauseFloat;
import static coro4jtest.shapes.Pauses.pauseLong;
import static coro4jtest.shapes.Pauses.pauseRef;
import static coro4jtest.shapes.Pauses.pauseVoid;

import io.coro4j.Async;
import io.coro4j.AsyncCallable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One small coroutine per bytecode shape: operand stacks, control flow, exceptions, calls, lambdas and
 * constructors. {@link ShapesTest} runs each {@code shape*} method rewritten and as compiled.
 */
@SuppressWarnings({"unused", "UnusedAssignment"})
public class Shapes {
    // -------------------------------------------------------------------------------------------
    // locals and operand stack of every type
    // -------------------------------------------------------------------------------------------

    @Async
    public static Object shapeLocalsOfEveryType() {
        boolean z = true;
        byte b = 3;
        char c = 'q';
        short s = -7;
        int i = 42;
        long j = 1L << 40;
        float f = 1.5f;
        double d = Math.PI;
        String str = "text";
        int[] ints = {1, 2, 3};
        long[][] grid = {{1L, 2L}, {3L}};
        Object nothing = null;
        pauseVoid();
        return Arrays.asList(z, b, c, s, i, j, f, d, str, Arrays.toString(ints),
                Arrays.deepToString(grid), nothing);
    }

    @Async
    public static Object shapeWideValuesUnderTheCall() {
        long base = 10_000_000_000L;
        double scale = 0.25;
        // a long and a double stay on the operand stack below the suspending call
        long a = base + pauseLong(5L);
        double b = scale * pauseDouble(8.0) + pause(1);
        float c = 2f + pauseFloat(0.5f);
        return List.of(a, b, c, mix(base, pause(3), scale, pauseChar('x'), pauseBoolean(true)));
    }

    private static String mix(long a, int b, double c, char d, boolean e) {
        return a + "/" + b + "/" + c + "/" + d + "/" + e;
    }

    @Async
    public static Object shapeWideLocalLiveAcrossAMergeRightBeforeTheCall() {
        long nanos = pauseLong(3L);
        if (nanos <= 0) {
            nanos = -nanos;
        } else {
            nanos = nanos * 2;
        }
        // javac's frame for the merge and the call's frame fall on one offset
        return nanos + pause(1) + (long) pauseDouble(2.0);
    }

    @Async
    public static Object shapeNullLocalAndArrays() {
        String s = null;
        int i = 0;
        Object[] objects = new Object[2];
        float[] floats = null;
        pause(1);
        objects[0] = s;
        floats = new float[] {pauseFloat(1.25f)};
        objects[1] = floats[0];
        return Arrays.toString(objects) + i;
    }

    @Async
    public static Object shapeArrayStoresAndCompoundAssignment() {
        int[] counts = new int[4];
        long[][] cells = new long[2][3];
        for (int k = 0; k < counts.length; k++) {
            counts[k] += pause(k * 2);
            cells[k % 2][k % 3] = pauseLong(k) * 10;
        }
        return Arrays.toString(counts) + Arrays.deepToString(cells);
    }

    @Async
    public static Object shapeStringConcatenation() {
        String b = "B";
        int n = 7;
        return "a" + pause(1) + b + pauseRef("c") + n + pauseDouble(0.5);
    }

    // -------------------------------------------------------------------------------------------
    // control flow
    // -------------------------------------------------------------------------------------------

    @Async
    public static Object shapeLoops() {
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += pause(i);
        }
        int k = 0;
        while (true) {
            k = pause(k + 1);
            if (k == 2) {
                continue;
            }
            if (k > 4) {
                break;
            }
            sum += k * 100;
        }
        outer:
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (pause(a + b) == 3) {
                    continue outer;
                }
                sum += 1000;
            }
        }
        do {
            sum -= pause(1);
        } while (sum % 7 != 0);
        return sum;
    }

    @Async
    public static Object shapeConditionals() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            if (i % 2 == 0) {
                out.add("even" + pause(i));
            } else {
                out.add("odd" + pauseRef("x" + i));
            }
            String t = i > 1 ? "big" + pause(i) : "small";
            out.add(t);
            out.add(pauseBoolean(i == 3) ? "three" : "other");
        }
        return out;
    }

    @Async
    public static Object shapeSwitches() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            switch (pause(i)) {
                case 0:
                    sb.append("zero");
                    break;
                case 1:
                case 2:
                    sb.append("small").append(pause(i * 10));
                    break;
                case 100:
                    sb.append("never");
                    break;
                default:
                    sb.append("many");
            }
            switch (i * 1000) {
                case 1000:
                    sb.append(pauseChar('k'));
                    break;
                case 5000:
                    sb.append(pauseRef("five"));
                    break;
                default:
                    break;
            }
            String word = pauseRef(i % 2 == 0 ? "even" : "odd");
            switch (word) {
                case "even":
                    sb.append('E').append(pause(2));
                    break;
                default:
                    sb.append('O');
            }
            int expr = switch (i) {
                case 0, 1 -> pause(7);
                case 2 -> {
                    int t = pause(8);
                    yield t * 2;
                }
                default -> -1;
            };
            sb.append(expr).append(';');
        }
        return sb.toString();
    }

    @Async
    public static Object shapeIteratorLoop() {
        List<String> words = List.of("a", "b", "c");
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(pauseRef(w)).append(pause(w.length()));
        }
        int[] numbers = {4, 5, 6};
        for (int n : numbers) {
            sb.append(pause(n));
        }
        Iterator<String> it = words.iterator();
        while (it.hasNext()) {
            sb.append(pauseRef(it.next().toUpperCase()));
        }
        return sb.toString();
    }

    // -------------------------------------------------------------------------------------------
    // exceptions
    // -------------------------------------------------------------------------------------------

    @Async
    public static Object shapeTryCatchFinally() {
        List<String> log = new ArrayList<>();
        try {
            log.add("try" + pause(1));
            if (pause(2) == 2) {
                throw new IllegalStateException("after resume");
            }
        } catch (IllegalStateException e) {
            log.add("catch:" + e.getMessage() + pause(3));
        } finally {
            log.add("finally" + pause(4));
        }
        try {
            try {
                log.add("inner" + pause(5));
                Object o = pauseRef(null);
                o.hashCode();
            } finally {
                log.add("inner-finally" + pause(6));
            }
        } catch (NullPointerException e) {
            log.add("npe");
        }
        try {
            log.add("last" + pause(7));
        } catch (Throwable t) {
            log.add("unreached");
        }
        return log;
    }

    @Async
    public static Object shapeReturnInsideFinally() {
        return String.valueOf(returnsFromTry()) + pause(1);
    }

    @Async
    @SuppressWarnings("finally")
    private static int returnsFromTry() {
        int x = 1;
        try {
            x += pause(10);
            return x;
        } finally {
            x += pause(100);
        }
    }

    @Async
    public static Object shapeTryWithResources() {
        List<String> log = new ArrayList<>();
        try (Resource r = new Resource(log, "r1"); Resource s = new Resource(log, "s" + pause(2))) {
            log.add("body" + pause(1));
        }
        return log;
    }

    static final class Resource implements AutoCloseable {
        final List<String> log;
        final String name;

        Resource(List<String> log, String name) {
            this.log = log;
            this.name = name;
            log.add("open " + name);
        }

        @Override
        public void close() {
            log.add("close " + name);
        }
    }

    // -------------------------------------------------------------------------------------------
    // calls of every kind
    // -------------------------------------------------------------------------------------------

    interface Greeter {
        @Async
        String greet(String who);

        @Async
        default String twice(String who) {
            return greet(who) + "&" + greet(who + pause(2));
        }

        @Async
        static String shout(String s) {
            return s.toUpperCase() + pause(9);
        }
    }

    abstract static class Base implements Greeter {
        final String prefix;

        Base(String prefix) {
            this.prefix = prefix;
        }

        @Async
        public String greet(String who) {
            return prefix + who + pause(1);
        }

        @Async
        protected abstract int weight();
    }

    static final class Child extends Base {
        Child(String prefix) {
            super(prefix);
        }

        @Override
        public String greet(String who) {
            // an override of an @Async method is a coroutine method without the annotation
            return "<" + super.greet(who) + secret(pause(3)) + ">";
        }

        @Override
        protected int weight() {
            return pause(prefix.length());
        }

        private String secret(int n) {
            return "#" + n;
        }

        @Async
        private String privately(int n) {
            return "p" + pause(n);
        }
    }

    @Async
    public static Object shapeCallsOfEveryKind() {
        Child child = new Child("hi ");
        Base asBase = child;
        Greeter asGreeter = child;
        List<String> out = new ArrayList<>();
        out.add(child.greet("a"));
        out.add(asBase.greet("b"));
        out.add(asGreeter.greet("c"));
        out.add(asGreeter.twice("d"));
        out.add(Greeter.shout("e"));
        out.add(String.valueOf(asBase.weight()));
        out.add(child.privately(4));
        return out;
    }

    @Async
    public static Object shapeSameReceiverAfterReassignment() {
        Child first = new Child("first ");
        Child holder = first;
        // the receiver is evaluated before the argument suspends; reassigning the local meanwhile must
        // not change which object the call runs on
        String r = holder.greet((holder = new Child("second ")).prefix + pause(1));
        return r + "|" + holder.prefix;
    }

    private final List<String> events = new ArrayList<>();
    private int counter;

    @Async
    String instanceWork(int n) {
        counter += pause(n);
        events.add("n=" + n);
        return "c" + counter;
    }

    @Async
    public static Object shapeFieldReceiver() {
        Shapes holder = new Shapes();
        Holder box = new Holder();
        box.target = holder;
        String a = box.target.instanceWork(5);
        box.target = new Shapes();
        String b = box.target.instanceWork(7);
        return a + b + holder.events + box.target.events;
    }

    static final class Holder {
        Shapes target;
    }

    /** No suspension point, but a branch: javac's frame at the merge must not gain the continuation. */
    @Async
    static int branchesWithoutSuspending(int x) {
        if (x > 0) {
            return x * 2;
        }
        return -x;
    }

    /** Found by the fuzzer: a throw that makes the rest of the method dead, so javac drops its calls. */
    @Async
    @SuppressWarnings("ConstantConditions")
    static int deadCallsAfterAThrow(int d) {
        if (d <= 0) {
            return 21;
        }
        if (true) {
            throw new IllegalArgumentException("d=" + d);
        }
        return pause(d);
    }

    @Async
    public static Object shapeCoroutineMethodsWithoutSuspensionPoints() {
        String failure;
        try {
            failure = String.valueOf(deadCallsAfterAThrow(pause(1)));
        } catch (IllegalArgumentException e) {
            failure = e.getMessage();
        }
        return branchesWithoutSuspending(pause(3)) + branchesWithoutSuspending(-4) + failure
                + deadCallsAfterAThrow(0);
    }

    // -------------------------------------------------------------------------------------------
    // nesting and recursion
    // -------------------------------------------------------------------------------------------

    @Async
    static int depth(int n) {
        if (n == 0) {
            return pause(0);
        }
        return depth(n - 1) + 1;
    }

    @Async
    public static Object shapeDeepRecursion() {
        return depth(2000);
    }

    @Async
    static String level3(String s) {
        return s + pause(3);
    }

    @Async
    static String level2(String s) {
        return level3(s + pause(2)) + "2";
    }

    @Async
    static String level1(String s) {
        long keep = 77L;
        return level2(s + pause(1)) + keep;
    }

    @Async
    public static Object shapeNestedCalls() {
        return level1("x") + level1("y");
    }

    // -------------------------------------------------------------------------------------------
    // lambdas and method references
    // -------------------------------------------------------------------------------------------

    @Async
    public static Object shapeLambdasCapturingLocals() throws Exception {
        int base = 40;
        String tag = "t";
        AsyncCallable<String> lambda = () -> tag + (base + pause(2));
        AsyncCallable<String> nested = () -> {
            AsyncCallable<String> inner = () -> lambda.call() + pause(5);
            return inner.call() + "!";
        };
        AsyncCallable<Object> reference = Shapes::shapeNestedCalls;
        Shapes self = new Shapes();
        AsyncCallable<String> bound = () -> self.instanceWork(3);
        return lambda.call() + nested.call() + reference.call() + bound.call();
    }

    // -------------------------------------------------------------------------------------------
    // objects under construction
    // -------------------------------------------------------------------------------------------

    record Point(int x, int y) {}

    record Line(Point from, Point to, String label) {}

    @Async
    public static Object shapeConstructorArguments() {
        Point p = new Point(pause(1), pause(2));
        Line l = new Line(new Point(pause(3), 4), new Point(5, pause(6)), "l" + pause(7));
        StringBuilder sb = new StringBuilder(String.valueOf(pauseRef("cap")));
        long big = 3L;
        Object wide = new Object[] {big, new Point(pause(8), (int) pauseLong(9L))};
        return p + " " + l + " " + sb + Arrays.toString((Object[]) wide);
    }

    @Async
    public static Object shapeConstructorArgumentInTernary() {
        boolean flag = true;
        Point p = new Point(flag ? pause(1) : 0, pause(2));
        return p.toString();
    }
}
