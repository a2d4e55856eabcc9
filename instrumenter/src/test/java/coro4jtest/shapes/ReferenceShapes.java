package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseRef;

import io.coro4j.Async;
import io.coro4j.AsyncCallable;

/**
 * Method references of every kind to {@code @Async} targets: static, bound, unbound (the receiver is
 * the functional interface's first parameter), constructor, and {@code super::m}. The lambda proxy the
 * JDK spins sits between the caller and the target, and is not rewritten.
 */
public class ReferenceShapes {
    interface AsyncFunction<A, R> {
        @Async
        R apply(A a) throws Exception;
    }

    /** Not generic: the proxy passes the receiver and an {@code int} straight through. */
    interface Describer {
        @Async
        String describe(Counter counter, int times);
    }

    static class Counter {
        final String tag;

        Counter(String tag) {
            this.tag = tag;
        }

        @Async
        String describe(int times) {
            return tag + "*" + pause(times);
        }

        @Async
        String plain() {
            return tag + pauseRef("!");
        }
    }

    static final class LoudCounter extends Counter {
        LoudCounter(String tag) {
            super(tag);
        }

        @Override
        String plain() {
            return "LOUD " + tag + pause(1);
        }

        @Async
        String both() throws Exception {
            AsyncCallable<String> quiet = super::plain;
            AsyncCallable<String> loud = this::plain;
            return quiet.call() + "/" + loud.call();
        }
    }

    static final class Widget {
        final String made;

        Widget() {
            this.made = "widget";
        }
    }

    @Async
    static String staticWork() {
        return "static" + pause(1);
    }

    @Async
    static String twice(int n) {
        return "twice" + 2 * pause(n);
    }

    @Async
    static String echo(String s) {
        return "echo" + pauseRef(s);
    }

    @Async
    public static Object shapeStaticMethodReference() throws Exception {
        AsyncCallable<String> noArguments = ReferenceShapes::staticWork;
        AsyncFunction<String, String> reference = ReferenceShapes::echo;
        return noArguments.call() + reference.apply("e");
    }

    @Async
    public static Object shapeStaticMethodReferenceUnboxingItsArgument() throws Exception {
        AsyncFunction<Integer, String> unboxing = ReferenceShapes::twice;
        return unboxing.apply(3);
    }

    @Async
    public static Object shapeBoundMethodReference() throws Exception {
        Counter counter = new Counter("b");
        AsyncCallable<String> bound = counter::plain;
        return bound.call() + bound.call();
    }

    @Async
    public static Object shapeBoundMethodReferenceUnboxingItsArgument() throws Exception {
        Counter counter = new Counter("b");
        AsyncFunction<Integer, String> bound = counter::describe;
        return bound.apply(2) + bound.apply(pause(3));
    }

    @Async
    public static Object shapeUnboundMethodReference() throws Exception {
        AsyncFunction<Counter, String> unbound = Counter::plain;
        return unbound.apply(new Counter("u")) + unbound.apply(new LoudCounter("v"));
    }

    @Async
    public static Object shapeUnboundMethodReferenceWithArguments() {
        Describer describer = Counter::describe;
        return describer.describe(new Counter("d"), 2);
    }

    @Async
    public static Object shapeConstructorReference() throws Exception {
        AsyncCallable<Widget> make = Widget::new;
        return make.call().made + pause(1);
    }

    @Async
    public static Object shapeSuperAndThisMethodReferences() throws Exception {
        return new LoudCounter("s").both();
    }
}
