package io.coro4j;

/** When {@link Coro#wait(java.util.Collection, ReturnWhen, java.time.Duration)} returns (asyncio's constants). */
public enum ReturnWhen {
    /** When any task finishes or is cancelled (asyncio.FIRST_COMPLETED). */
    FIRST_COMPLETED,
    /**
     * When any task finishes by throwing an exception (a cancelled task does not count), or else when
     * all finish (asyncio.FIRST_EXCEPTION).
     */
    FIRST_EXCEPTION,
    /** When all tasks finish or are cancelled (asyncio.ALL_COMPLETED). */
    ALL_COMPLETED
}
