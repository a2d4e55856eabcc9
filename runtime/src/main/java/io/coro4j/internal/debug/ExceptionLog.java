package io.coro4j.internal.debug;

import io.coro4j.ExceptionContext;

import java.lang.System.Logger.Level;

/**
 * The default exception handler of every loop (asyncio's {@code default_exception_handler}): logs the
 * context's text at ERROR on the {@code io.coro4j.loop} logger, with its exception's stack trace.
 */
public final class ExceptionLog {
    private static final System.Logger LOG = System.getLogger("io.coro4j.loop");

    private ExceptionLog() {}

    /** Logs {@code context}; never throws but a {@link VirtualMachineError}. */
    public static void log(ExceptionContext context) {
        try {
            LOG.log(Level.ERROR, context.toString(), context.exception());
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // a logger that fails has nowhere left to report to: the error is the logging's own
            System.err.println("coro4j: could not log " + context + ": " + e);
        }
    }
}
