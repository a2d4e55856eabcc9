package coro4jtest.compiled;

import io.coro4j.Async;
import io.coro4j.protocol.Suspension;
import java.util.ArrayList;
import java.util.List;

/**
 * A switch expression with a {@code try}, {@code finally} or try-with-resources in an arm, as an
 * argument of {@code new}: javac spills the whole operand stack to locals around such a switch, the
 * object under construction with it ({@code NEW; DUP; ASTORE; ASTORE}), and reloads it after. The
 * switch is the first, a middle or the last argument, in nested {@code new}s, with the suspension
 * before, inside or after it. Compiled at test time by javac, for release 17.
 */
public class SwitchInNewShapes {
    public static boolean direct;

    record Pt(int x, int y) {}

    record Three(int a, String b, long c) {}

    record Line(Pt from, Pt to) {}

    /** Records its closing, so that the results show that resources closed, and when. */
    static final class Res implements AutoCloseable {
        final List<String> log;
        final int value;

        Res(List<String> log, int value) {
            this.log = log;
            this.value = value;
            log.add("open " + value);
        }

        @Override
        public void close() {
            log.add("close " + value);
        }
    }

    @Async
    static int pause(int v) {
        if (!direct) {
            Suspension.suspend();
        }
        return v;
    }

    static int fail(int v) {
        if (v > 0) {
            throw new IllegalArgumentException("fail " + v);
        }
        return v;
    }

    /** The issue's program: the suspension after the switch. */
    @Async
    static Pt make(int k) {
        return new Pt(switch (k) {
            case 1 -> {
                try {
                    yield 10;
                } catch (RuntimeException e) {
                    yield -1;
                }
            }
            default -> 20;
        }, pause(k));
    }

    @Async
    public static Object shapeTheIssuesProgram() {
        return List.of(make(1), make(2));
    }

    @Async
    static Pt inside(int k) {
        return new Pt(switch (k) {
            case 1 -> {
                try {
                    yield pause(10);
                } catch (RuntimeException e) {
                    yield -1;
                }
            }
            default -> 20;
        }, 1);
    }

    @Async
    public static Object shapeSuspensionInsideTheTry() {
        return List.of(inside(1), inside(2));
    }

    @Async
    static Pt caught(int k) {
        return new Pt(switch (k) {
            case 1 -> {
                try {
                    yield fail(pause(k));
                } catch (IllegalArgumentException e) {
                    yield pause(-k);
                }
            }
            default -> pause(k);
        }, pause(2));
    }

    @Async
    public static Object shapeSuspensionInTheCatch() {
        return List.of(caught(1), caught(0));
    }

    @Async
    static Pt last(int k) {
        return new Pt(pause(k), switch (k) {
            case 1 -> {
                try {
                    yield 10;
                } finally {
                    k++;
                }
            }
            default -> k * 2;
        });
    }

    @Async
    public static Object shapeSwitchLastSuspensionBefore() {
        return List.of(last(1), last(3));
    }

    @Async
    static Three middle(int k, List<String> log) {
        return new Three(pause(k), switch (k) {
            case 1 -> {
                try (Res r = new Res(log, k)) {
                    yield "res " + pause(r.value);
                }
            }
            case 2 -> {
                try {
                    yield "finally " + pause(k);
                } finally {
                    log.add("finally " + k);
                }
            }
            default -> "plain";
        }, pause(k) * 1000L);
    }

    @Async
    public static Object shapeSwitchInTheMiddleWithResourcesAndFinally() {
        List<String> log = new ArrayList<>();
        return List.of(middle(1, log), middle(2, log), middle(3, log), log);
    }

    @Async
    static Line nested(int k) {
        return new Line(new Pt(switch (k) {
            case 1 -> {
                try {
                    yield pause(1);
                } catch (RuntimeException e) {
                    yield 0;
                }
            }
            default -> 2;
        }, pause(3)), new Pt(pause(4), switch (k) {
            case 1 -> {
                try {
                    yield 5;
                } finally {
                    pause(6);
                }
            }
            default -> pause(7);
        }));
    }

    @Async
    public static Object shapeNestedNews() {
        return List.of(nested(1), nested(2));
    }

    @Async
    static Pt deep(int k) {
        return new Pt(new Pt(switch (k) {
            case 1 -> {
                try {
                    yield new Pt(pause(1), switch (k) {
                        case 1 -> {
                            try {
                                yield pause(2);
                            } finally {
                                k += 0;
                            }
                        }
                        default -> 0;
                    }).x() + 10;
                } catch (RuntimeException e) {
                    yield -1;
                }
            }
            default -> 3;
        }, 4).x(), pause(5));
    }

    @Async
    public static Object shapeSwitchInNewInsideSwitchInNew() {
        return List.of(deep(1), deep(2));
    }

    @Async
    public static Object shapeInALoopAndDiscarded() {
        List<Object> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            new Pt(switch (i) {
                case 1 -> {
                    try {
                        yield pause(i);
                    } catch (RuntimeException e) {
                        yield 0;
                    }
                }
                default -> i;
            }, pause(i));
            made.add(new Pt(i, switch (i) {
                case 2 -> {
                    try {
                        yield pause(20);
                    } finally {
                        made.add("finally " + i);
                    }
                }
                default -> -i;
            }));
        }
        return made;
    }

    @Async
    public static Object shapeThrowOutOfTheSwitchCaughtOutsideTheNew() {
        List<Object> seen = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            try {
                seen.add(new Pt(pause(k), switch (k) {
                    case 1 -> {
                        try {
                            yield fail(pause(k));
                        } finally {
                            seen.add("finally " + k);
                        }
                    }
                    default -> 0;
                }));
            } catch (IllegalArgumentException e) {
                seen.add(e.getMessage() + " " + pause(k));
            }
        }
        return seen;
    }

    static String describe(int a, Three three, long b, double c) {
        return a + " " + three + " " + b + " " + c;
    }

    @Async
    public static Object shapeWideValuesAfterTheSwitch() {
        // no long or double on the operand stack when the switch starts: javac (17 to 25 at least)
        // crashes spilling one there
        long wide = 1L << 40;
        int k = 2;
        return describe(pause(1), new Three(pause(2), switch (k) {
            case 1 -> "a";
            case 2 -> {
                try {
                    yield "b" + pause(3);
                } catch (RuntimeException e) {
                    yield "x";
                }
            }
            default -> "z";
        }, wide + pause(4)), wide, 0.5 + pause(5));
    }
}
