package coro4jtest.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.support.Driver;
import io.coro4j.instrument.support.TransformingLoader;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A record names its frame by a frame-site number; the saved stack reads the locations back from it,
 * innermost first, below the hand-written leaf's own line.
 */
class SavedStackTest {
    @Test
    void theSavedStackNamesTheLeafThenEachSavedFrameInnermostFirst() throws Exception {
        TransformingLoader loader = new TransformingLoader(Shapes.class.getPackageName());
        Method shape = loader.loadClass(LeafShapes.class.getName()).getMethod("shapeLeafUnderFrames");

        Driver.Outcome outcome = Driver.runCallable(() -> shape.invoke(null));

        assertNull(outcome.failure);
        List<String> first = outcome.stacks.get(0).stream()
                .map(e -> e.getClassName() + "." + e.getMethodName() + ":" + e.getFileName())
                .collect(Collectors.toList());
        String at = LeafShapes.class.getName() + ".";
        assertEquals(List.of(at + "handPause:LeafShapes.java", at + "middle:LeafShapes.java",
                at + "outer:LeafShapes.java", at + "shapeLeafUnderFrames:LeafShapes.java"), first);
        assertTrue(outcome.stacks.get(0).stream().allMatch(e -> e.getLineNumber() > 0));
    }
}
