package coro4jtest.hierarchy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coro4j.instrument.hierarchy.ClassHierarchy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Common superclasses from class bytes, arrays included, as frame computation asks for them. */
class CommonSuperClassTest {
    private final ClassHierarchy hierarchy = new ClassHierarchy();

    @ParameterizedTest
    @CsvSource({
        "java/lang/Integer, java/lang/Long, java/lang/Number",
        "java/util/ArrayList, java/util/LinkedList, java/util/AbstractList",
        "java/lang/String, java/lang/String, java/lang/String",
        "java/lang/String, java/lang/Runnable, java/lang/Object",
        "coro4jtest/shapes/GenericShapes$Dog, coro4jtest/shapes/GenericShapes$Animal,"
                + " coro4jtest/shapes/GenericShapes$Animal",
        "coro4jtest/nowhere/Missing, java/lang/Integer, java/lang/Object",
        "[Ljava/lang/Integer;, [Ljava/lang/Long;, [Ljava/lang/Number;",
        "[[Ljava/lang/Integer;, [[Ljava/lang/String;, [[Ljava/lang/Object;",
        "[[Ljava/lang/String;, [Ljava/lang/String;, [Ljava/lang/Object;",
        "[[I, [Ljava/lang/String;, [Ljava/lang/Object;",
        "[I, [J, java/lang/Object",
        "[I, java/lang/String, java/lang/Object",
        "[Ljava/lang/String;, java/lang/String, java/lang/Object",
    })
    void answersFromClassBytes(String a, String b, String expected) {
        ClassLoader loader = getClass().getClassLoader();
        assertEquals(expected, hierarchy.commonSuperClass(a, b, loader));
        assertEquals(expected, hierarchy.commonSuperClass(b, a, loader));
    }
}
