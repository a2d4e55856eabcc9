package io.coro4j.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The continuation of one task: its mode and the saved frames (records) of its suspended coroutine
 * methods. This class is the whole contract between rewritten code and the runtime.
 *
 * <h2>Modes</h2>
 *
 * <pre>
 *            leaf suspends                 runtime: step ended
 *   NORMAL ----------------&gt; CAPTURING ----------------------&gt; (NORMAL, records kept)
 *     ^                                                            |
 *     |  leaf reached: records consumed     runtime: resume        |
 *     +---------------------------------- RESTORING &lt;--------------+
 * </pre>
 *
 * <h2>What rewritten code does (in this order)</h2>
 *
 * <ol>
 *   <li><b>Prologue</b>, once per activation: {@code c = Continuation.enter(where)}; then
 *       {@code if (c.mode != 0)} jump to the restore dispatch ({@code enter} has already refused
 *       {@link #CAPTURING}, so non-zero means {@link #RESTORING}).
 *   <li><b>After each suspending call</b> (a call whose target is a coroutine method):
 *       {@code if (c.mode != 0)} jump to the capture block of that call site. Nothing else runs on the
 *       normal path: no allocation, no store.
 *   <li><b>Capture block</b>: pop the callee's dummy result; for an interface call, save its arguments
 *       (last first); save the receiver of the call (if any), then the operand stack below it (top
 *       first), then the locals (from the highest slot down) with the static {@code save*} methods;
 *       then {@link #saveFrame(int, FrameSite, Continuation)} with the
 *       call site's index and its {@link FrameSite} (an {@code invokedynamic} bound to it at the first
 *       capture); then return a dummy value (zero, false or {@code null}).
 *   <li><b>Restore dispatch</b>: {@code site = c.nextRestoreSite(selfKey)}; switch on it to the restore
 *       block of that site, which takes the record with {@code c.restoreFrame(frameSite)} (the site's
 *       {@link FrameSite} from an {@code invokedynamic}, as in its capture block: the record must be that
 *       site's; the shared restore code of large frames, and a class file too old for
 *       {@code invokedynamic}, take it with {@link #restoreFrame(String)}, which compares self keys),
 *       reads everything back in the exact reverse order with the
 *       {@code restore*} methods, pushes dummy arguments (the saved ones for an interface call: a
 *       lambda proxy between the call and its target unboxes them, or calls the target on the first)
 *       and jumps to a copy-free re-execution of the
 *       original invoke instruction (same opcode, owner and interface bit, on the saved receiver).
 *   <li>The <b>leaf</b> ({@link Suspension#suspend()}, or a {@link Leaf} method written by hand like it)
 *       switches to {@link #CAPTURING} on the way out with {@link #beginCapture}, naming itself with a
 *       {@link LeafPoint}, and, when re-invoked in {@link #RESTORING}, ends the restore with
 *       {@link #finishRestore()}, which returns the value (or throws the exception) the runtime
 *       delivered with {@link #prepareResume}. A leaf saves no record.
 * </ol>
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Records form one stack per task: the innermost frame saves first, the outermost last, and a
 *       restore consumes them outermost first. Within a record, values come back in the reverse order
 *       of their saving; references and primitives live in two arrays, each a stack of its own. A
 *       record ends with one primitive that packs its call site's index, the number of its
 *       {@link FrameSite} and the place of the record before it: no reference, no third array.
 *   <li>Each record names its method (the {@code selfKey} of its {@link FrameSite},
 *       {@code name+descriptor}); a frame that saves names the method it called ({@code calleeKey}) and
 *       it must equal the {@code selfKey} of the record saved just before it, or the leaf's for the
 *       first record (the chain check), or a frame that was not rewritten lies between them.
 *       {@code calleeKey == null} (interface calls, which may pass through a JDK lambda proxy) skips
 *       the check.
 *   <li>The place of the last record saved ({@code lastRecord()}) is kept only while capturing, in the
 *       bits of {@link #mode} above {@link #KIND} (rewritten code tests {@code mode != 0} and leaves
 *       {@code mode == RESTORING}, which those bits change in neither case); between steps the last
 *       record is the top of the primitives, since the outermost frame saves last. A restore consumes
 *       records by {@code primTop} alone.
 *   <li>The storage belongs to the task and is reused; after a completed restore every reference slot
 *       that was used is cleared, so nothing saved stays reachable.
 *   <li>Only the thread that runs the task touches its continuation.
 * </ul>
 *
 * <h2>What the runtime does (a step)</h2>
 *
 * <p>The task layer ({@code io.coro4j.internal.task.TaskImpl}) drives steps; the protocol only stores and
 * checks. A step: make this the running continuation ({@link Carrier#switchTo}); when it
 * {@link #awaitsResume()}, {@link #prepareResume} with what the leaf returns or throws; call the body from
 * a frame the agent leaves as it is (a {@link Leaf}); when the body returned, check its outermost saved
 * frame ({@link #outermostSavedKey()}) and end with {@link #endStepSuspended()}, or, when it threw, with
 * {@link #endStepFailed}; switch back. The protocol finds lost suspensions and states the facts
 * ({@link LostSuspension}); the task layer words them ({@link #lostSuspension}).
 *
 * <h2>Why a task is a continuation (inheritance, not composition)</h2>
 *
 * <p>{@code TaskImpl extends Continuation}: the task is the running continuation, so a hand-written leaf
 * ({@code Coro.sleep}, {@code Task.join}) has its task from {@link #enter} with one type check, and a task
 * is one object. Composition (a continuation held by the task, with a pointer back to it) was built and
 * measured against it (issue 10; JMH, interleaved, three forks each, the two quiet rounds of three): a
 * yield 33-35 ns against 36-45 ns, a yield at depth 10 136-145 ns against 139-144 ns, a spawn and join
 * 152-157 ns against 157-175 ns, and 200 B against 224 B per sleeping task (200,000 asleep, in every
 * run). Composition was nowhere faster and costs an object per task, so the task stays a continuation.
 * The price: this class is abstract, with protected members only a driver of steps uses; a test driver
 * ({@code Driver} in the instrumenter's tests) subclasses it the same way.
 */
public abstract class Continuation {
    /** Running ordinary code. */
    public static final int NORMAL = 0;
    /** Unwinding after the leaf suspended: each frame saves itself and returns a dummy value. */
    public static final int CAPTURING = 1;
    /** Re-entering the saved frames, outermost first, down to the leaf. */
    public static final int RESTORING = 2;

    /**
     * The mode; read by rewritten code after every suspending call and in every prologue. While
     * {@link #CAPTURING}, the bits above {@link #KIND} hold the place of the last record saved (see
     * {@code lastRecord()}): compare {@code mode & KIND} with {@code CAPTURING}. {@link #NORMAL} and
     * {@link #RESTORING} are exact: zero and two.
     */
    public int mode;
    /** The bits of {@link #mode} that say which mode it is. */
    public static final int KIND = 3;
    /** While capturing: {@link #mode}'s bits from here up hold the last record's place in prims, plus one. */
    private static final int RECORD_SHIFT = 2;

    private static final Object[] NO_REFS = new Object[0];
    private static final long[] NO_PRIMS = new long[0];

    /*
     * The primitive that closes a record: bits 0-15 its call site's index (a method's code is under
     * 64 KB, so it has fewer call sites), bits 16-39 the number of its frame site, bits 40-63 the index
     * in prims of the record before it, plus one (zero: none).
     */
    private static final int FRAME_SITE_SHIFT = 16;
    private static final int PREVIOUS_SHIFT = 40;

    private Object[] refs = NO_REFS;
    /** Reference slots are cleared as they are read back, so nothing above this stays reachable. */
    private int refTop;
    private long[] prims = NO_PRIMS;
    private int primTop;
    /*
     * No field holds the last record's place (it is in the mode's high bits while capturing, the top of
     * prims otherwise: lastRecord()), nor the chain check's inner site while capturing: it is the site
     * number of the record saved last, or the leaf's before the first ({@link #innerSite}). A sleeping
     * task is mostly this object: each field less is four bytes less per task.
     */

    /**
     * While RESTORING, the value the leaf returns, or a {@link Delivered} failure that it throws. From
     * {@link #beginCapture} until the next {@link #prepareResume} (the slot is free then), the
     * {@link LeafPoint} the task suspended at.
     */
    private Object resumeValue;

    /** A failure to throw from the leaf at the resume, in {@link #resumeValue} (a rare path: one object). */
    private static final class Delivered {
        final Throwable failure;

        Delivered(Throwable failure) {
            this.failure = failure;
        }
    }

    protected Continuation() {}

    // ------------------------------------------------------------------------------------------------
    // Called by rewritten code
    // ------------------------------------------------------------------------------------------------

    /**
     * The prologue of every coroutine method: the continuation running on this thread.
     *
     * @param where the method, as a stack-trace element ({@code pkg.Cls.m(Cls.java:12)}), for errors
     * @throws IllegalStateException when no coroutine runs on this thread, or when an earlier suspension
     *     was swallowed by a frame that is not a coroutine method
     */
    public static Continuation enter(String where) {
        Continuation c = Carrier.get().running;
        if (c == null) {
            throw notInCoroutine(where);
        }
        if ((c.mode & KIND) == CAPTURING) {
            throw c.lost(LostSuspension.Kind.CALLED_WHILE_UNWINDING, where, null, null, null);
        }
        return c;
    }

    /**
     * The prologue of a coroutine method without suspension points: like {@link #enter}, and such a
     * method is never re-entered to resume; if it is, the suspension went through a frame that is not a
     * coroutine method, and running it again from its start would repeat its effects.
     */
    public static void enterWithoutSuspensionPoints(String where) {
        Continuation c = enter(where);
        if (c.mode == RESTORING) {
            throw c.corrupt(where + " is being re-entered to resume a suspension it never saw: the"
                    + " suspension went through a frame that is not a coroutine method (a reflective"
                    + " call, a method handle, or code the agent did not rewrite)");
        }
    }

    /** Classes this JVM has already seen initialized through {@link #initializeClass}. */
    private static final ClassValue<Boolean> INITIALIZED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                Class.forName(type.getName(), true, type.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new NoClassDefFoundError(type.getName());
            }
            return Boolean.TRUE;
        }
    };

    /**
     * Called by rewritten code where it removed a {@code NEW} whose constructor arguments can suspend
     * (the object is created after them): runs the class's static initializer there, in its original
     * order. After the first time, a {@code ClassValue} lookup.
     */
    public static void initializeClass(Class<?> type) {
        INITIALIZED.get(type);
    }

    /**
     * Called by rewritten code after a plain (non-coroutine) method called a coroutine method: the
     * callee must not have suspended, since this frame cannot save itself.
     *
     * @param where the plain method and line of the call, as a stack-trace element
     */
    public static void checkNotSuspended(String where) {
        Continuation c = Carrier.get().running;
        if (c != null && (c.mode & KIND) == CAPTURING) {
            throw c.lost(LostSuspension.Kind.PLAIN_CALLER, where, null, null, null);
        }
    }

    public static void saveInt(int value, Continuation c) {
        c.pushPrim(value);
    }

    public static void saveFloat(float value, Continuation c) {
        c.pushPrim(Float.floatToRawIntBits(value));
    }

    public static void saveLong(long value, Continuation c) {
        c.pushPrim(value);
    }

    public static void saveDouble(double value, Continuation c) {
        c.pushPrim(Double.doubleToRawLongBits(value));
    }

    public static void saveRef(Object value, Continuation c) {
        c.pushRef(value);
    }

    /**
     * Closes the record of one frame, after its values.
     *
     * @param site the index of the call site the frame left (its restore dispatch switches on it)
     * @param frameSite the call site's {@link FrameSite}, from the capture block's
     *     {@code invokedynamic} ({@link FrameSite#bootstrap})
     */
    public static void saveFrame(int site, FrameSite frameSite, Continuation c) {
        int last = (c.mode >>> RECORD_SHIFT) - 1; // capturing: the last record's place (-1: none yet)
        int inner = c.innerSite(last);
        if (frameSite.passedWith != inner && frameSite.passedWithBefore != inner) {
            c.checkChain(frameSite, inner);
        }
        if (c.primTop >= FrameSite.LIMIT) { // the place of this record must fit in its successor's
            throw c.corrupt("more than " + FrameSite.LIMIT + " values saved");
        }
        c.mode = CAPTURING | (c.primTop + 1) << RECORD_SHIFT; // this record is the last now
        c.pushPrim(site | (long) frameSite.number << FRAME_SITE_SHIFT | (long) (last + 1) << PREVIOUS_SHIFT);
    }

    /**
     * While capturing, the {@link FrameSite} number the next frame's chain check compares with: that of
     * the record saved last ({@code last}, this capture's: a capture begins with none), or of the leaf
     * before the first. -1 outside a capture, which no site has.
     */
    private int innerSite(int last) {
        if (last >= 0) {
            return siteNumberOf(last);
        }
        Object at = resumeValue;
        return at instanceof LeafPoint ? ((LeafPoint) at).site : -1;
    }

    /**
     * {@link #saveFrame(int, FrameSite, Continuation)} for a class file too old for
     * {@code invokedynamic} (before version 51): the site is named by its three constants.
     *
     * @param site the index of the call site the frame left (its restore dispatch switches on it)
     * @param selfKey {@code name+descriptor} of the saving method
     * @param location the call site as a stack-trace element, for {@code Task.getStack()} and errors
     * @param calleeKey {@code name+descriptor} of the method the call site names, or {@code null} when
     *     the call may pass through a proxy (interface calls)
     */
    public static void saveFrame(int site, String selfKey, String location, String calleeKey,
                                 Continuation c) {
        saveFrame(site, FrameSite.of(selfKey, location, calleeKey), c);
    }

    /**
     * The chain check of a site with the site (or leaf) saved just before it, when this pair has not
     * passed it before: the method the site called must be the inner one.
     */
    private void checkChain(FrameSite site, int inner) {
        String calleeKey = site.calleeKey;
        if (calleeKey != null && !calleeKey.equals(FrameSite.get(inner).selfKey)) {
            throw lost(LostSuspension.Kind.BROKEN_CHAIN, site.location, calleeKey, null, null);
        }
        site.passedWithBefore = site.passedWith;
        site.passedWith = inner;
    }

    /**
     * Opens the record of the restoring frame: returns its call-site index. For the shared restore code
     * of large frames, and for class files too old for {@code invokedynamic}: the check finds the record's
     * site and compares self keys.
     *
     * @param selfKey {@code name+descriptor} of the restoring method; must match the record
     */
    public int restoreFrame(String selfKey) {
        if (primTop == 0) {
            throw corrupt("no saved frame is left for " + selfKey);
        }
        int record = primTop - 1;
        String saved = frameSiteOf(record).selfKey;
        if (saved != selfKey && !selfKey.equals(saved)) { // the record stays the last for the error
            throw lost(LostSuspension.Kind.WRONG_FRAME_ON_RESUME, null, selfKey, saved, null);
        }
        primTop = record;
        return (char) prims[record]; // bits 0-15
    }

    /**
     * The restore dispatch's first step: the call-site index of the record to restore next, which stays
     * in place until the site's own block takes it with {@link #restoreFrame(FrameSite)} (or the shared
     * code with {@link #restoreFrame(String)}).
     *
     * @param selfKey {@code name+descriptor} of the restoring method, for the error when nothing is left
     */
    public int nextRestoreSite(String selfKey) {
        int record = primTop - 1;
        if (record < 0) {
            throw corrupt("no saved frame is left for " + selfKey);
        }
        return (char) prims[record]; // bits 0-15
    }

    /**
     * Takes the record that {@link #nextRestoreSite} read, in the restore block of the call site it named:
     * the record must be {@code site}'s, the block's own constant. One compare of numbers, where
     * {@link #restoreFrame(String)} looks the record's site up and compares self keys: a record of another
     * method is refused with the same error.
     */
    public void restoreFrame(FrameSite site) {
        int record = primTop - 1;
        if (siteNumberOf(record) != site.number) { // the record stays the last for the error
            throw lost(LostSuspension.Kind.WRONG_FRAME_ON_RESUME, null, site.selfKey,
                    frameSiteOf(record).selfKey, null);
        }
        primTop = record;
    }

    public int restoreInt() {
        return (int) prims[--primTop];
    }

    public float restoreFloat() {
        return Float.intBitsToFloat((int) prims[--primTop]);
    }

    public long restoreLong() {
        return prims[--primTop];
    }

    public double restoreDouble() {
        return Double.longBitsToDouble(prims[--primTop]);
    }

    public Object restoreRef() {
        Object value = refs[--refTop];
        refs[refTop] = null;
        return value;
    }

    // ------------------------------------------------------------------------------------------------
    // Called by the leaf (Suspension, Leaf methods)
    // ------------------------------------------------------------------------------------------------

    /**
     * The leaf {@code at} suspends: every frame from here out saves itself, the first one checking that
     * it called {@code at}.
     */
    public final void beginCapture(LeafPoint at) {
        if (mode != NORMAL) {
            throw corrupt("suspend called in mode " + mode);
        }
        if (at.framed) {
            at.locate();
        }
        mode = CAPTURING;
        resumeValue = at;
    }

    /** The leaf was reached again: the restore is complete. Returns the delivered value or throws. */
    public final Object finishRestore() {
        if (refTop != 0 || primTop != 0) {
            throw corrupt("the leaf was reached with " + primTop + " saved values left");
        }
        mode = NORMAL; // every reference slot was cleared as it was read back; no record is left
        Object value = resumeValue;
        resumeValue = null;
        if (value instanceof Delivered) {
            throw Continuation.<RuntimeException>sneaky(((Delivered) value).failure);
        }
        return value;
    }

    // ------------------------------------------------------------------------------------------------
    // Called by the runtime
    // ------------------------------------------------------------------------------------------------

    /**
     * The self key of the outermost frame the step saved, while its body returns because it suspended:
     * the runtime checks that it is the body's own (a frame between the body and it that did not save
     * itself would be re-run from its start by the resume). When no frame was saved, the self key of the
     * {@link Leaf} method the body called directly; null when there is neither (then
     * {@link #endStepSuspended} reports it), and when the step is not suspending.
     */
    protected final String outermostSavedKey() {
        int site = outermostSavedSite();
        return site < 0 ? null : FrameSite.get(site).selfKey;
    }

    /**
     * {@link #outermostSavedKey()} as the number of its {@link FrameSite} (or of the {@link Leaf}'s
     * {@link LeafPoint}), read from the record itself: a runtime that remembers which numbers passed its
     * check needs no lookup. -1 where {@code outermostSavedKey()} is null.
     */
    protected final int outermostSavedSite() {
        int m = mode;
        if ((m & KIND) != CAPTURING) {
            return -1;
        }
        int last = (m >>> RECORD_SHIFT) - 1;
        if (last >= 0) {
            return siteNumberOf(last);
        }
        LeafPoint leaf = (LeafPoint) resumeValue;
        return leaf.framed ? leaf.site : -1;
    }

    /**
     * Whether the task waits for a resume: frames were saved, or its body called a {@link Leaf} method
     * directly (a method reference such as {@code other::join}), which the resume re-invokes.
     */
    protected final boolean awaitsResume() {
        if (mode != RESTORING && lastRecord() >= 0) {
            return true;
        }
        LeafPoint leaf = waitingAt(); // a body that is a Leaf method itself (Coro.createTask(t::join))
        return leaf != null && leaf.framed && mode == NORMAL;
    }

    /**
     * Prepares the next step to resume the saved frames: the leaf will return {@code value} or, when
     * {@code failure} is not null, throw it.
     */
    protected final void prepareResume(Object value, Throwable failure) {
        if (!awaitsResume()) {
            throw corrupt("resume without saved frames");
        }
        mode = RESTORING;
        resumeValue = failure != null ? new Delivered(failure) : value;
    }

    /**
     * Called when the body returned to the runtime: true when it returned because it suspended (the
     * records are kept for the resume), false when it completed.
     */
    protected final boolean endStepSuspended() {
        if ((mode & KIND) == CAPTURING) {
            LeafPoint leaf = (LeafPoint) resumeValue;
            if (lastRecord() < 0 && !leaf.framed) {
                throw lost(LostSuspension.Kind.NOTHING_SAVED, null, null, null, null);
            }
            mode = NORMAL; // the last record is the top of prims from now on
            return true;
        }
        if (mode == RESTORING) {
            throw corrupt("the body returned while restoring");
        }
        return false;
    }

    /**
     * Called when the body threw: drops whatever was saved. Returns the error to report: the thrown one,
     * or, when the body threw while a suspension was unwinding (through code that was not rewritten), the
     * error of {@link #lostSuspension} that says so, with the thrown one as its cause.
     */
    protected final Throwable endStepFailed(Throwable thrown) {
        if ((mode & KIND) == CAPTURING && !(thrown instanceof IllegalStateException)
                && !(thrown instanceof VirtualMachineError)) {
            IllegalStateException e = lost(LostSuspension.Kind.THREW_WHILE_UNWINDING, null, null, null, thrown);
            if (e.getCause() == null) {
                e.initCause(thrown);
            }
            return e;
        }
        discard();
        return thrown;
    }

    /** Drops all saved frames and goes back to {@link #NORMAL}. */
    protected final void discard() {
        mode = NORMAL;
        Arrays.fill(refs, 0, refTop, null);
        refTop = 0;
        primTop = 0;
        resumeValue = null;
    }

    /**
     * Where the saved frames stand, innermost first, as stack-trace elements: the leaf's (unless it is
     * {@link Suspension#suspend()}), then the locations the rewriter recorded at each call site.
     */
    protected final List<StackTraceElement> savedStack() {
        List<StackTraceElement> stack = new ArrayList<>();
        for (int r = lastRecord(); r >= 0; r = previousOf(r)) {
            stack.add(CodeLocation.parse(frameSiteOf(r).location));
        }
        LeafPoint leaf = waitingAt();
        if (leaf != null && leaf.framed) {
            stack.add(CodeLocation.parse(leaf.location()));
        }
        Collections.reverse(stack);
        return stack;
    }

    // ------------------------------------------------------------------------------------------------
    // Storage
    // ------------------------------------------------------------------------------------------------

    /**
     * The index in {@link #prims} of the last record's closing primitive, or -1: while capturing, kept in
     * the mode's high bits (a frame's values lie between records); otherwise the top of prims, as the
     * outermost frame saves last, and a restore takes values from the top. Running normally, none (-1).
     */
    private int lastRecord() {
        int m = mode;
        return (m & KIND) == CAPTURING ? (m >>> RECORD_SHIFT) - 1 : primTop - 1;
    }

    /** The frame site of the record closed at {@code prims[record]}. */
    private FrameSite frameSiteOf(int record) {
        return FrameSite.get(siteNumberOf(record));
    }

    /** The number of the frame site of the record closed at {@code prims[record]}. */
    private int siteNumberOf(int record) {
        return (int) (prims[record] >>> FRAME_SITE_SHIFT) & (FrameSite.LIMIT - 1);
    }

    /** The record before the one closed at {@code prims[record]}, or -1. */
    private int previousOf(int record) {
        return (int) (prims[record] >>> PREVIOUS_SHIFT) - 1;
    }

    // The arrays start small and double: a task suspended in one shallow frame (a sleeper) keeps only
    // that, and a deeper one pays a few copies at its first suspension, then reuses them. The primitives
    // start at one, the record of a frame that saves nothing else (a sleeper's body, when its locals are
    // dead); the references at two, which an array of one would not make smaller (object alignment).
    private void pushRef(Object value) {
        if (refTop == refs.length) {
            refs = Arrays.copyOf(refs, Math.max(2, refTop * 2));
        }
        refs[refTop++] = value;
    }

    private void pushPrim(long value) {
        if (primTop == prims.length) {
            prims = Arrays.copyOf(prims, Math.max(1, primTop * 2));
        }
        prims[primTop++] = value;
    }

    // ------------------------------------------------------------------------------------------------
    // Errors
    // ------------------------------------------------------------------------------------------------

    /** The error for a coroutine method called with no coroutine running on this thread. */
    public static IllegalStateException notInCoroutine(String where) {
        return new IllegalStateException("coroutine method " + where
                + " was called outside any coroutine: start one with Coro.run(...), or call it from an"
                + " @Async method or an AsyncCallable/AsyncRunnable body running as a task");
    }


    /** The leaf the task suspended at, while it is capturing or waits for its resume; else null. */
    private LeafPoint waitingAt() {
        return mode != RESTORING && resumeValue instanceof LeafPoint ? (LeafPoint) resumeValue : null;
    }

    private String describeInnermost() {
        LeafPoint leaf = waitingAt();
        int last = lastRecord();
        if (leaf != null && (leaf.framed || last < 0)) {
            return leaf.location();
        }
        if (last < 0) {
            return "null";
        }
        int innermost = last;
        while (previousOf(innermost) >= 0) {
            innermost = previousOf(innermost);
        }
        return frameSiteOf(innermost).location;
    }

    /** Where the outermost frame saved so far stands, else the leaf's location (see {@link LostSuspension}). */
    private String describeOutermost() {
        int last = lastRecord();
        if (last >= 0 && mode != RESTORING) {
            return frameSiteOf(last).location;
        }
        LeafPoint leaf = waitingAt();
        return leaf != null ? leaf.location() : describeInnermost();
    }

    /**
     * The error for a suspension that met a frame that could not save itself: takes the facts, drops the
     * saved frames, and has {@link #lostSuspension} word it. Called on the error paths only.
     */
    protected final IllegalStateException lost(LostSuspension.Kind kind, String where, String key, String otherKey,
                                               Throwable cause) {
        LostSuspension lost = new LostSuspension(kind, describeInnermost(), describeOutermost(), where, key,
                otherKey, cause);
        discard();
        return lostSuspension(lost);
    }

    /**
     * Words the error for {@code lost}, a suspension that met a frame that could not save itself. The
     * protocol has no words of its own for it: the runtime's task layer overrides this with the user's
     * error, called with the stack of the detection still live (the frame in the way is on it for
     * {@link LostSuspension.Kind#CALLED_WHILE_UNWINDING} and {@link LostSuspension.Kind#PLAIN_CALLER}).
     * This default states the facts. The saved frames are dropped already.
     */
    protected IllegalStateException lostSuspension(LostSuspension lost) {
        return new IllegalStateException(lost.toString(), lost.cause);
    }

    private IllegalStateException corrupt(String detail) {
        discard();
        return new IllegalStateException("coro4j continuation corrupted: " + detail);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
