package io.coro4j.protocol;

/**
 * A suspension that met a frame that could not save itself, as the protocol finds it: which check found
 * it and the facts it had. The protocol states facts only; the runtime's task layer turns them into the
 * user's error ({@link Continuation#lostSuspension}), while the stack of the detection is still live.
 */
public final class LostSuspension {
    /** Which check found it. */
    public enum Kind {
        /**
         * A coroutine method was entered while a suspension was unwinding: the frame that called it did not
         * save itself and went on running ({@link Continuation#enter}). {@link #where}: the method entered.
         */
        CALLED_WHILE_UNWINDING,
        /**
         * A plain method of a rewritten class called a coroutine method that suspended
         * ({@link Continuation#checkNotSuspended}). {@link #where}: the plain method and the line of the call.
         */
        PLAIN_CALLER,
        /**
         * A frame saved itself, but the method it called is not the one saved before it (the chain check
         * of {@link Continuation#saveFrame}). {@link #where}: the call site; {@link #key}: the method called
         * there.
         */
        BROKEN_CHAIN,
        /**
         * A resume re-entered a method whose saved frame is not the next one
         * ({@link Continuation#restoreFrame}). {@link #key}: the method re-entered; {@link #otherKey}: the
         * method of the frame saved next.
         */
        WRONG_FRAME_ON_RESUME,
        /**
         * A step ended suspended, but no frame saved itself and the leaf is not a frame of its own
         * ({@link Continuation#endStepSuspended}).
         */
        NOTHING_SAVED,
        /**
         * The body threw while a suspension unwound ({@link Continuation#endStepFailed}): a frame went on
         * with a dummy value. {@link #cause}: what it threw.
         */
        THREW_WHILE_UNWINDING,
        /**
         * The body returned suspended, but its outermost saved frame is not its own: the runtime's check of
         * a step. {@link #key}: the self key of the outermost saved frame.
         */
        BODY_NOT_SAVED
    }

    /** Which check found it. */
    public final Kind kind;
    /**
     * Where the task suspended: the leaf's location, or the innermost saved frame's when the leaf is the
     * protocol's own ({@link Suspension#suspend()}); a {@link CodeLocation}, or a self key when unknown.
     */
    public final String innermost;
    /**
     * The outermost frame saved so far, else the leaf's location: the coroutine method that the frame in
     * the way called.
     */
    public final String outermost;
    /** See {@link Kind}; may be null. */
    public final String where;
    /** See {@link Kind}; may be null. */
    public final String key;
    /** See {@link Kind}; may be null. */
    public final String otherKey;
    /** See {@link Kind}; may be null. */
    public final Throwable cause;

    LostSuspension(Kind kind, String innermost, String outermost, String where, String key, String otherKey,
                   Throwable cause) {
        this.kind = kind;
        this.innermost = innermost;
        this.outermost = outermost;
        this.where = where;
        this.key = key;
        this.otherKey = otherKey;
        this.cause = cause;
    }

    /** The facts, for a continuation that words no error of its own. */
    @Override
    public String toString() {
        return "coro4j: a suspension at " + innermost + " met a frame that could not save itself (" + kind
                + (where != null ? ", at " + where : "") + (key != null ? ", " + key : "")
                + (otherKey != null ? ", " + otherKey : "") + ")";
    }
}
