package coro4jtest.compiled;

import io.coro4j.Async;
import io.coro4j.protocol.Suspension;
import java.util.List;

/**
 * A pattern switch (Java 21) with a {@code try} in an arm, as an argument of {@code new}: javac spills
 * the operand stack, the object under construction with it, as for any switch expression with a
 * {@code try}, and the pattern switch keeps its own temporaries in locals too. Compiled at test time
 * for release 21.
 */
public class PatternSwitchInNewShapes {
    public static boolean direct;

    record Pt(int x, int y) {}

    record Box(Object content, int size) {}

    @Async
    static int pause(int v) {
        if (!direct) {
            Suspension.suspend();
        }
        return v;
    }

    @Async
    static Box box(Object o) {
        return new Box(switch (o) {
            case String s when s.length() > 2 -> {
                try {
                    yield s.toUpperCase() + pause(s.length());
                } catch (RuntimeException e) {
                    yield "caught";
                }
            }
            case String s -> s;
            case Pt(int x, int y) -> {
                try {
                    yield new Pt(pause(x), switch (y) {
                        case 0 -> {
                            try {
                                yield pause(100);
                            } finally {
                                x++;
                            }
                        }
                        default -> y;
                    });
                } finally {
                    pause(0);
                }
            }
            case Integer i -> pause(i) * 2;
            default -> "other";
        }, pause(7));
    }

    @Async
    public static Object shapePatternSwitchAsAnArgument() {
        return List.of(box("abcd"), box("ab"), box(new Pt(1, 0)), box(new Pt(2, 3)), box(21), box(1.5));
    }

    @Async
    public static Object shapePatternSwitchFirstSuspensionBefore() {
        Object o = new Pt(pause(5), 6);
        return new Pt(switch (o) {
            case Pt p -> {
                try {
                    yield p.x() + p.y();
                } catch (RuntimeException e) {
                    yield 0;
                }
            }
            default -> -1;
        }, pause(9));
    }
}
