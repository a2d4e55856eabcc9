package coro4jtest.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coro4j.instrument.support.InMemoryCompiler;
import io.coro4j.instrument.support.TransformingLoader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Class files of every release the library supports are transformed and run: the same program,
 * compiled by the running JDK's javac with {@code --release N} for 8, 11, 17 and the running JDK's own
 * release (25 when the build runs on JDK 25).
 */
class ReleasesTest {
    static IntStream releases() {
        return IntStream.of(8, 11, 17, Runtime.version().feature()).distinct();
    }

    @ParameterizedTest(name = "--release {0}")
    @MethodSource("releases")
    void compiledForTheReleaseIsTransformedAndRuns(int release) throws Exception {
        Map<String, byte[]> classFiles = InMemoryCompiler.compile(Program.SOURCES, release);
        assertEquals(44 + release, majorVersion(classFiles.get(Program.NAME)));

        Program.assertRunsTransformed(classFiles);
    }

    /**
     * From version 51 on, a capture block gets its {@code FrameSite} from an {@code invokedynamic}
     * that names the saving method, the call site's location and the method called (empty for an
     * interface call); before, it passes the same three as string constants.
     */
    @ParameterizedTest(name = "--release {0}, and release 8 as version 49")
    @MethodSource("releases")
    void captureBlocksNameTheirSiteByInvokedynamicFromVersion51AndByConstantsBefore(int release)
            throws Exception {
        Map<String, byte[]> modern = InMemoryCompiler.compile(Program.SOURCES, release);
        // Java 5 has no nest attributes: the legacy form is made from release 8's class files
        Map<String, byte[]> legacy = InMemoryCompiler.asJava5(InMemoryCompiler.compile(Program.SOURCES, 8));
        for (Map<String, byte[]> classFiles : List.of(modern, legacy)) {
            TransformingLoader loader = new TransformingLoader(Program.PACKAGE + ".", classFiles);
            loader.loadClass(Program.NAME);
            loader.loadClass(Program.NAME + "$Nested");
            loader.loadClass(Program.NAME + "$1");
            boolean indy = classFiles == modern;
            List<String> sites = new ArrayList<>();
            for (byte[] rewritten : loader.rewritten().values()) {
                ClassNode type = new ClassNode();
                new ClassReader(rewritten).accept(type, 0);
                for (MethodNode method : type.methods) {
                    sites.addAll(captureSites(method, indy));
                }
            }
            String shape = (indy ? "invokedynamic" : "constants") + ", version " + release;
            // pause: 1; secret: 1; run(): 6 pause lines, reveal and step; reveal: 2; the anonymous step: 1;
            // and for release 8 the accessor javac made for secret
            assertEquals(release == 8 || !indy ? 14 : 13, sites.size(), () -> shape + ": " + sites);
            for (String site : List.of("pause(I)I Program.pause(Program.java:11) suspend()Ljava/lang/Object;",
                    "run()Ljava/lang/String; Program.run(Program.java:58) ", // anonymous.step(21): an interface call
                    "step(I)I Program$1.step(Program.java:55) pause(I)I")) {
                assertTrue(sites.contains(site), () -> shape + ": no " + site + " in " + sites);
            }
        }
    }

    /**
     * Each capture block of {@code method}, as "selfKey location calleeKey" (the callee key empty for an
     * interface call); fails if a block names its site the other way. A block with its own
     * {@code saveFrame} passes its site as constants; blocks that share the saves of a large frame
     * keep their site in a local (the frame site, or before version 51 the location and the callee key)
     * and jump to the shared {@code saveFrame}, which reads it there.
     */
    private static List<String> captureSites(MethodNode method, boolean indy) {
        List<String> sites = new ArrayList<>();
        String desc = indy ? "(ILio/coro4j/protocol/FrameSite;Lio/coro4j/protocol/Continuation;)V"
                : "(ILjava/lang/String;Ljava/lang/String;Ljava/lang/String;Lio/coro4j/protocol/Continuation;)V";
        for (AbstractInsnNode insn : method.instructions) {
            if (!(insn instanceof MethodInsnNode) || !((MethodInsnNode) insn).name.equals("saveFrame")) {
                continue;
            }
            assertEquals(desc, ((MethodInsnNode) insn).desc);
            // ..., [ldc selfKey;] frame site (or location; callee key); aload c; invokestatic saveFrame
            AbstractInsnNode named = insn.getPrevious().getPrevious();
            if (named.getOpcode() == Opcodes.ALOAD) {
                sites.addAll(sharedSites(method, indy, insn));
                continue;
            }
            List<Object> names = new ArrayList<>();
            if (indy) {
                names.addAll(frameSiteNames(named));
            } else {
                AbstractInsnNode location = named.getPrevious();
                names.add(((LdcInsnNode) location.getPrevious()).cst);
                names.add(((LdcInsnNode) location).cst);
                names.add(named.getOpcode() == Opcodes.ACONST_NULL ? "" : ((LdcInsnNode) named).cst);
            }
            sites.add(site(names));
        }
        return sites;
    }

    /** The sites whose blocks put their frame site in the local that {@code saveFrame} reads. */
    private static List<String> sharedSites(MethodNode method, boolean indy, AbstractInsnNode saveFrame) {
        AbstractInsnNode beforeContinuation = saveFrame.getPrevious().getPrevious();
        int siteSlot = ((VarInsnNode) (indy ? beforeContinuation : beforeContinuation.getPrevious())).var;
        Object selfKey = indy ? null : ((LdcInsnNode) beforeContinuation.getPrevious().getPrevious()).cst;
        List<String> sites = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            // the argument temps of a call share the slot: their stores follow other instructions
            AbstractInsnNode named = insn.getPrevious();
            if (insn.getOpcode() != Opcodes.ASTORE || ((VarInsnNode) insn).var != siteSlot
                    || !(named instanceof InvokeDynamicInsnNode || named instanceof LdcInsnNode)) {
                continue;
            }
            List<Object> names = new ArrayList<>();
            if (indy) {
                names.addAll(frameSiteNames(named));
            } else {
                AbstractInsnNode callee = insn.getNext();
                assertEquals(siteSlot + 1, ((VarInsnNode) callee.getNext()).var);
                names.add(selfKey);
                names.add(((LdcInsnNode) named).cst);
                names.add(callee.getOpcode() == Opcodes.ACONST_NULL ? "" : ((LdcInsnNode) callee).cst);
            }
            sites.add(site(names));
        }
        return sites;
    }

    private static List<Object> frameSiteNames(AbstractInsnNode insn) {
        InvokeDynamicInsnNode site = (InvokeDynamicInsnNode) insn;
        assertEquals("io/coro4j/protocol/FrameSite", site.bsm.getOwner());
        assertEquals("bootstrap", site.bsm.getName());
        assertEquals("()Lio/coro4j/protocol/FrameSite;", site.desc);
        return List.of(site.bsmArgs);
    }

    private static String site(List<Object> names) {
        String location = ((String) names.get(1)).substring(Program.PACKAGE.length() + 1);
        return names.get(0) + " " + location + " " + names.get(2);
    }

    static int majorVersion(byte[] classFile) {
        return ByteBuffer.wrap(classFile).getShort(6) & 0xFFFF;
    }
}
