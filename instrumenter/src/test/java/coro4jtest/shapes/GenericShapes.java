package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseRef;

import io.coro4j.Async;
import java.util.ArrayList;
import java.util.List;

/**
 * Generic methods, and the bridge methods javac makes for a generic or covariant override of an
 * {@code @Async} method (called through the supertype, which goes through the bridge, and through the
 * class, which does not).
 */
public class GenericShapes {
    interface Handler<T> {
        @Async
        String handle(T t);
    }

    /** javac adds the bridge {@code handle(Object)} that casts and calls {@code handle(String)}. */
    static final class UpperHandler implements Handler<String> {
        @Override
        public String handle(String s) {
            return s.toUpperCase() + pause(s.length());
        }
    }

    abstract static class Maker<T> {
        @Async
        abstract T make(int n);

        @Async
        String makeTwice(int n) {
            return make(n) + "," + make(n + 1);
        }
    }

    /** Bridge {@code make(I)Object} to {@code make(I)String}. */
    static final class StringMaker extends Maker<String> {
        @Override
        String make(int n) {
            return "s" + pause(n);
        }
    }

    static class Animal {
        @Async
        Object sound() {
            return "..." + pause(0);
        }
    }

    /** A covariant override: bridge {@code sound()Object} to {@code sound()String}. */
    static class Dog extends Animal {
        @Override
        String sound() {
            return "woof" + pause(1) + super.sound();
        }
    }

    @Async
    static <T extends Comparable<T>> T larger(T a, T b) {
        return pauseRef(a).compareTo(b) >= 0 ? a : b;
    }

    @Async
    static <T> List<T> repeat(T t, int times) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(pauseRef(t));
        }
        return out;
    }

    @Async
    public static Object shapeGenericMethods() {
        String s = larger("b", "a");
        Integer i = larger(pause(1), 2);
        List<Long> longs = repeat(5L, pause(3));
        return s + i + longs + repeat(List.of("x"), 2);
    }

    @Async
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object shapeBridgeOfAGenericInterfaceMethod() {
        UpperHandler direct = new UpperHandler();
        Handler<String> viaInterface = direct;
        Handler raw = direct;
        return viaInterface.handle("abc") + direct.handle("de") + raw.handle("f");
    }

    @Async
    public static Object shapeBridgeOfAGenericAbstractMethod() {
        StringMaker direct = new StringMaker();
        Maker<String> viaBase = direct;
        return viaBase.make(1) + "|" + viaBase.makeTwice(2) + "|" + direct.make(3);
    }

    @Async
    public static Object shapeBridgeOfACovariantOverride() {
        Dog dog = new Dog();
        Animal animal = dog;
        return animal.sound() + "|" + dog.sound() + "|" + new Animal().sound();
    }
}
