package coro4jtest.stressfound;

import io.coro4j.Async;

/**
 * A coroutine method with a branch and no suspending call (guava's {@code Ascii.isLowerCase} in stress
 * mode). Its prologue stores no continuation, so javac's frames must not gain one: the JVM rejected
 * the branch target ("Type top is not assignable to Continuation").
 */
public class NoSuspensionPoint {
    @Async
    public static boolean isSmall(int c) {
        return c >= 'a' && c <= 'z';
    }
}
