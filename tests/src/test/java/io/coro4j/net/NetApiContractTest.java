package io.coro4j.net;

import io.coro4j.Async;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The names of issue 11 that code outside the repository compiles against (spec/API.md, "Network"): each
 * exists with its exact parameter and return types, static where it should be, and {@code @Async} where
 * the issue says so.
 */
class NetApiContractTest {
    private static Method method(Class<?> owner, String name, Class<?> returns, boolean async, Class<?>... params)
            throws NoSuchMethodException {
        Method m = owner.getMethod(name, params);
        assertEquals(returns, m.getReturnType(), owner.getSimpleName() + "." + name);
        assertEquals(async, m.isAnnotationPresent(Async.class), owner.getSimpleName() + "." + name + " @Async");
        return m;
    }

    @Test
    void everyNameOfTheIssueExistsExactly() throws Exception {
        assertTrue(Modifier.isFinal(Streams.class.getModifiers()));
        assertTrue(Modifier.isStatic(method(Streams.class, "openConnection", Connection.class, true, String.class,
                int.class).getModifiers()));
        assertTrue(Modifier.isStatic(method(Streams.class, "startServer", Server.class, true, ConnectionHandler.class,
                String.class, int.class).getModifiers()));

        assertTrue(ConnectionHandler.class.isInterface());
        method(ConnectionHandler.class, "handle", void.class, true, StreamReader.class, StreamWriter.class);

        method(Connection.class, "reader", StreamReader.class, false);
        method(Connection.class, "writer", StreamWriter.class, false);

        method(Server.class, "port", int.class, false);
        method(Server.class, "isServing", boolean.class, false);
        method(Server.class, "close", void.class, false);
        method(Server.class, "waitClosed", void.class, true);
        method(Server.class, "serveForever", void.class, true);

        method(StreamReader.class, "read", byte[].class, true, int.class);
        method(StreamReader.class, "readline", byte[].class, true);
        method(StreamReader.class, "readexactly", byte[].class, true, int.class);
        method(StreamReader.class, "readuntil", byte[].class, true, byte[].class);
        method(StreamReader.class, "atEof", boolean.class, false);

        method(StreamWriter.class, "write", void.class, false, byte[].class);
        method(StreamWriter.class, "drain", void.class, true);
        method(StreamWriter.class, "writeEof", void.class, false);
        method(StreamWriter.class, "canWriteEof", boolean.class, false);
        method(StreamWriter.class, "close", void.class, false);
        method(StreamWriter.class, "isClosing", boolean.class, false);
        method(StreamWriter.class, "waitClosed", void.class, true);
        method(StreamWriter.class, "getExtraInfo", Object.class, false, String.class);

        assertEquals(EOFException.class, IncompleteReadException.class.getSuperclass());
        method(IncompleteReadException.class, "partial", byte[].class, false);
        assertEquals(IOException.class, LimitOverrunException.class.getSuperclass());
        for (Class<?> c : new Class<?>[] {IncompleteReadException.class, LimitOverrunException.class}) {
            assertTrue(Modifier.isPublic(c.getModifiers()) && !Modifier.isAbstract(c.getModifiers()), c.getName());
        }
    }
}
