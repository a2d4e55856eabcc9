package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseRef;

import io.coro4j.Async;

/**
 * {@code @Async} methods of anonymous, inner (capturing the outer {@code this}) and local classes, and
 * {@code super.m()} from each of them.
 */
public class NestedClassShapes {
    interface Step {
        @Async
        int step(int x);
    }

    static class Greeting {
        @Async
        String greet(String who) {
            return "hello " + pauseRef(who);
        }
    }

    private final String name;
    private int hits;

    NestedClassShapes(String name) {
        this.name = name;
    }

    /** An inner class: reads and writes the outer instance's private fields. */
    final class Counter {
        private int n;

        @Async
        String count(int by) {
            n += pause(by);
            hits++;
            return name + n;
        }
    }

    @Async
    String countTwiceFromInside() {
        Counter counter = new Counter();
        // an anonymous class inside an instance method captures this and a local
        int bonus = pause(100);
        Step step = new Step() {
            @Override
            public int step(int x) {
                return x + bonus + hits + pause(1);
            }
        };
        return counter.count(1) + counter.count(2) + "/" + step.step(3);
    }

    @Async
    public static Object shapeInnerClassCapturingTheOuterInstance() {
        NestedClassShapes outer = new NestedClassShapes("o");
        Counter c = outer.new Counter();
        return c.count(1) + c.count(pause(2)) + outer.hits + outer.countTwiceFromInside() + outer.hits;
    }

    @Async
    public static Object shapeAnonymousClass() {
        int base = pause(10);
        Step s = new Step() {
            private int calls;

            @Override
            public int step(int x) {
                calls++;
                return base + x * calls + pause(calls);
            }
        };
        return s.step(1) + s.step(2);
    }

    @Async
    public static Object shapeLocalClass() {
        int base = pause(7);
        class Scaled implements Step {
            private final int k;

            Scaled(int k) {
                this.k = k;
            }

            @Override
            public int step(int x) {
                return k * pause(x) + base;
            }
        }
        Step a = new Scaled(2);
        Scaled b = new Scaled(pause(3));
        return a.step(4) + "," + b.step(5);
    }

    @Async
    public static Object shapeSuperCallsFromNestedClasses() {
        String suffix = pauseRef("!");
        Greeting anonymous = new Greeting() {
            @Override
            String greet(String who) {
                return "[" + super.greet(who) + pause(1) + suffix + "]";
            }
        };
        class Local extends Greeting {
            @Override
            String greet(String who) {
                return "(" + super.greet(who + pause(2)) + ")";
            }
        }
        return anonymous.greet("a") + new Local().greet("b");
    }
}
