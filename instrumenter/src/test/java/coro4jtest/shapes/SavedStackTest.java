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
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A record names its frame by a frame-site number that an {@code invokedynamic} hands the capture
 * block; the saved stack reads the locations back from it, innermost first, below the hand-written
 * leaf's own line. (Class files before release 7 look the number up instead: LegacyClassFilesTest.)
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

        ClassNode rewritten = new ClassNode();
        new ClassReader(loader.rewritten().get(LeafShapes.class.getName())).accept(rewritten, 0);
        MethodNode middle = rewritten.methods.stream().filter(m -> m.name.equals("middle")).findFirst()
                .orElseThrow();
        long frameSites = 0;
        for (AbstractInsnNode insn : middle.instructions) {
            if (insn instanceof InvokeDynamicInsnNode && ((InvokeDynamicInsnNode) insn).name.equals("frameSite")) {
                frameSites++;
            }
        }
        assertEquals(2, frameSites, "one frame site per suspending call");
    }
}
