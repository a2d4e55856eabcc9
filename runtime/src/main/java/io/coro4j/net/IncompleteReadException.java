package io.coro4j.net;

import java.io.EOFException;

/**
 * The stream ended before a read had what it asked for (asyncio's {@code IncompleteReadError}): thrown by
 * {@link StreamReader#readexactly} and {@link StreamReader#readuntil}, with the bytes read, which the
 * stream no longer holds.
 */
public class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected the number of bytes asked for, or -1 when a separator was (readuntil)
     */
    public IncompleteReadException(String message, byte[] partial, int expected) {
        super(message);
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (a copy). */
    public byte[] partial() {
        return partial.clone();
    }

    /** The number of bytes asked for, or -1 when the read was for a separator. */
    public int expected() {
        return expected;
    }
}
