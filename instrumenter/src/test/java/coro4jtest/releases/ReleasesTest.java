package coro4jtest.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coro4j.instrument.support.InMemoryCompiler;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    static int majorVersion(byte[] classFile) {
        return ByteBuffer.wrap(classFile).getShort(6) & 0xFFFF;
    }
}
