package io.coro4j.net;

import java.io.IOException;

/**
 * A read for a separator went past the reader's limit (asyncio's {@code LimitOverrunError}): thrown by
 * {@link StreamReader#readuntil} and {@link StreamReader#readline}. {@link #consumed()} is asyncio's
 * {@code consumed}: how many bytes of the stream were looked at.
 */
public class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** The number of bytes looked at: the separator's index when it was found past the limit. */
    public int consumed() {
        return consumed;
    }
}
