package io.coro4j.instrument.support;

/**
 * Defines class files a test made or rewrote itself, one by one; everything else (the runtime, the
 * test's classes) comes from the test's class loader.
 */
public final class BytesLoader extends ClassLoader {
    public BytesLoader() {
        super(BytesLoader.class.getClassLoader());
    }

    /** Defines {@code classFile}, whose internal name is {@code name}. */
    public Class<?> define(String name, byte[] classFile) {
        return defineClass(name.replace('/', '.'), classFile, 0, classFile.length);
    }
}
