package coro4jtest.agent;

import io.coro4j.Async;

/** A class with coroutine methods for the agent's tests, and a plain method with a branch. */
public class Greeter {
    @Async
    public static String greet(String name) {
        return "hello " + twice(name);
    }

    @Async
    static String twice(String name) {
        return name + name;
    }

    /** Plain: must keep working (its stack map frames too) when the coroutine methods are refused. */
    public static int sign(int x) {
        return x < 0 ? -1 : x > 0 ? 1 : 0;
    }
}
