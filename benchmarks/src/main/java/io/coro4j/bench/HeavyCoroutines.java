package io.coro4j.bench;

import io.coro4j.Async;
import io.coro4j.Coro;
import io.coro4j.Task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A coroutine-heavy class for {@link TransformBench}: twelve coroutine methods with loops, try/catch/
 * finally, long and double locals, values on the operand stack across suspensions, and lambdas.
 * Never run.
 */
final class HeavyCoroutines {
    private long total;
    private final List<String> log = new ArrayList<>();

    @Async
    long a(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Coro.sleep(Duration.ZERO);
            sum += i * b(i);
        }
        return sum;
    }

    @Async
    int b(int i) {
        double d = i * 1.5;
        Coro.sleep(Duration.ofMillis(i));
        return (int) (d + c("x" + i).length());
    }

    @Async
    String c(String s) {
        try {
            Coro.sleep(Duration.ZERO);
            return s + d(s.length(), 2L);
        } finally {
            log.add(s);
        }
    }

    @Async
    long d(int x, long y) {
        long r = x + y;
        r += e(r) * y;
        Coro.sleep(Duration.ZERO);
        return r + e(x);
    }

    @Async
    long e(long v) {
        try {
            Coro.sleep(Duration.ofNanos(v));
        } catch (RuntimeException ex) {
            log.add(ex.toString());
            return -1;
        }
        return v * 2;
    }

    @Async
    void f() {
        Task<Long> t = Coro.createTask(() -> a(3));
        Task<Integer> u = Coro.createTask(() -> b(4));
        total += t.join() + u.join();
        Coro.gather(t, u);
    }

    @Async
    int g(int[] xs) {
        int acc = 0;
        for (int x : xs) {
            switch (x % 3) {
                case 0:
                    acc += b(x);
                    break;
                case 1:
                    acc -= (int) e(x);
                    break;
                default:
                    acc ^= c(String.valueOf(x)).hashCode();
            }
        }
        return acc;
    }

    @Async
    String h(String a, String b2, int k) {
        StringBuilder sb = new StringBuilder(a);
        for (int i = 0; i < k; i++) {
            sb.append(c(b2)).append(i).append(d(i, k));
        }
        return sb.toString();
    }

    @Async
    double i(double x) {
        double y = x * x;
        Coro.sleep(Duration.ZERO);
        y += b((int) y) + e((long) x);
        return y / (1 + a(2));
    }

    @Async
    Object j(Object o) {
        Object[] arr = {o, c(String.valueOf(o)), e(1), b(2)};
        return arr[(int) (total % arr.length)];
    }

    @Async
    void k() {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 10) {
            try {
                total += a(1) + d(2, 3) + b(4);
            } catch (IllegalStateException ex) {
                log.add("k " + ex);
            }
        }
    }

    @Async
    long l(long a1, double b1, int c1, String d1) {
        long x = a1 + (long) b1 + c1 + d1.length();
        x += a((int) x) + e(x) + d(c1, a1);
        return x + b(c1) * (long) i(b1);
    }
}
