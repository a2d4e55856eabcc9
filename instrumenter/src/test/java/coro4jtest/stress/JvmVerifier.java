package coro4jtest.stress;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * The JVM's own verifier over the rewritten classes of one jar: ASM's {@code Analyzer} recomputes the
 * types itself and never reads the stack map frames the rewriter wrote; the JVM checks exactly those.
 *
 * <p>A child-first loader defines the rewritten bytes (and the jar's other classes as they are), takes
 * the protocol ({@code io.coro4j.protocol}) from the test's class path and the rest from the platform.
 * {@link Class#getDeclaredMethods()} links a class, and linking verifies it, without running its
 * static initializer.
 */
final class JvmVerifier extends ClassLoader {
    private final Map<String, byte[]> rewritten;
    private final URLClassLoader jar;

    JvmVerifier(Map<String, byte[]> rewritten, URLClassLoader jar) {
        super(ClassLoader.getPlatformClassLoader());
        this.rewritten = rewritten;
        this.jar = jar;
    }

    void verify(JarReport report) {
        for (String name : rewritten.keySet()) {
            try {
                Class.forName(name.replace('/', '.'), false, this).getDeclaredMethods();
                report.classesVerifiedByJvm++;
            } catch (VerifyError | ClassFormatError failure) {
                report.verifyFailures.add(name + " (JVM): " + failure);
            } catch (NoClassDefFoundError | TypeNotPresentException | ClassNotFoundException missing) {
                report.unverifiableByMissingClass.merge("(JVM) " + missing.getMessage(), 1, Integer::sum);
            }
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("io.coro4j.")) {
            return JvmVerifier.class.getClassLoader().loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = bytesOf(name.replace('.', '/'));
                loaded = bytes == null ? super.loadClass(name, false) : defineClass(name, bytes, 0, bytes.length);
            }
            return loaded;
        }
    }

    private byte[] bytesOf(String internalName) {
        byte[] bytes = rewritten.get(internalName);
        if (bytes != null) {
            return bytes;
        }
        URL own = jar.findResource(internalName + ".class"); // the jar's own, never the JDK's
        if (own == null) {
            return null;
        }
        try (InputStream in = own.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
