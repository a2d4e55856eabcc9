package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseDouble;
import static coro4jtest.shapes.Pauses.pauseRef;

import io.coro4j.Async;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @Async} methods in every kind of type: default, static and private interface methods (and
 * {@code Itf.super.m()}), abstract classes, records, enums (with constant bodies that override), and
 * varargs.
 */
public class TypeShapes {
    interface Shape {
        @Async
        double area();

        String name();

        @Async
        default String describe() {
            return name() + ":" + area() + scaled(2);
        }

        @Async
        private String scaled(int k) {
            return "x" + k * pause(k);
        }

        @Async
        static Shape square(double side) {
            return new Square(pauseDouble(side));
        }
    }

    interface LoudShape extends Shape {
        @Override
        default String describe() {
            return Shape.super.describe().toUpperCase() + pause(7);
        }
    }

    record Square(double side) implements Shape {
        @Override
        public double area() {
            return side * pauseDouble(side);
        }

        @Override
        public String name() {
            return "square";
        }

        @Async
        String sides() {
            return "side=" + pauseDouble(side);
        }
    }

    record Circle(double radius) implements LoudShape {
        @Override
        public double area() {
            return 3 * radius * pauseDouble(radius);
        }

        @Override
        public String name() {
            return "circle";
        }
    }

    abstract static class Account {
        int balance = 100;

        @Async
        abstract int fee(int amount);

        @Async
        final int withdraw(int amount) {
            int charged = fee(pause(amount));
            balance -= amount + charged;
            return balance;
        }
    }

    static final class BasicAccount extends Account {
        @Override
        int fee(int amount) {
            return pause(amount / 10);
        }
    }

    enum Op {
        ADD {
            @Override
            int apply(int a, int b) {
                return pause(a) + b;
            }
        },
        MUL {
            @Override
            int apply(int a, int b) {
                return a * pause(b);
            }
        },
        NEG;

        @Async
        int apply(int a, int b) {
            return -pause(a);
        }

        @Async
        static List<Integer> applyAll(int a, int b) {
            List<Integer> out = new ArrayList<>();
            for (Op op : values()) {
                out.add(op.apply(a, b));
            }
            return out;
        }
    }

    @Async
    static int sum(String label, int... xs) {
        int s = label.length();
        for (int x : xs) {
            s += pause(x);
        }
        return s;
    }

    @Async
    static String join(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(pauseRef(p));
        }
        return sb.toString();
    }

    @Async
    public static Object shapeInterfaceMethods() {
        Shape square = Shape.square(2.0);
        Shape circle = new Circle(1.0);
        return square.describe() + "|" + circle.describe() + "|" + square.area();
    }

    @Async
    public static Object shapeRecordMethods() {
        Square s = new Square(pauseDouble(3.0));
        return s.sides() + s.area() + s;
    }

    @Async
    public static Object shapeAbstractClass() {
        Account account = new BasicAccount();
        return account.withdraw(20) + "," + account.withdraw(pause(30)) + "," + account.fee(50);
    }

    @Async
    public static Object shapeEnumsWithConstantBodies() {
        Op op = Op.valueOf(pauseRef("MUL"));
        return Op.applyAll(3, 4) + "," + op.apply(5, 6) + "," + Op.NEG.apply(pause(2), 0);
    }

    @Async
    public static Object shapeVarargs() {
        return sum("a") + sum("b", 1) + sum("c", pause(1), 2, pause(3)) + sum("d", new int[] {4, 5})
                + join("x", pause(1), 2L, pauseRef("y"));
    }
}
