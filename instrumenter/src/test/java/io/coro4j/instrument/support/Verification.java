package io.coro4j.instrument.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Runs ASM's verifier ({@code CheckClassAdapter} with {@code SimpleVerifier}) over class files. */
public final class Verification {
    private Verification() {}

    /** Returns the verifier's complaints about one class file, or an empty string. */
    public static String problems(byte[] classFile, ClassLoader loader) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), loader, false, new PrintWriter(out));
        return out.toString();
    }

    /** Fails with every complaint when any class file does not verify. */
    public static void assertValid(Map<String, byte[]> classes, ClassLoader loader) {
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            String problems = problems(entry.getValue(), loader);
            if (!problems.isEmpty()) {
                all.append(entry.getKey()).append(":\n").append(problems).append('\n');
            }
        }
        if (all.length() > 0) {
            fail("rewritten classes do not verify:\n" + all);
        }
    }
}
