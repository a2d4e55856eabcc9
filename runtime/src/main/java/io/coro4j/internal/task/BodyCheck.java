package io.coro4j.internal.task;

import io.coro4j.protocol.Lambdas;

/**
 * The root of the chain check, made by the runtime after each step whose body returned because it
 * suspended: the outermost saved frame must be the body's own, its interface method or the method a lambda
 * or method reference links to. Otherwise the suspension went through a frame that could not save itself,
 * such as a reflective call, and a resume would re-run that frame from its start. The one body trusted to
 * suspend through reflective frames, a {@link ReflectiveBody}, passes when the outermost frame is its
 * method's.
 *
 * <p>The outcome is fixed for a body class, the frame site of its outermost record (a number, read from the
 * record: see {@code Continuation.outermostSavedSite()}) and the interface it is called through. The last
 * two such triples that passed are remembered: a task that suspends again and again from the same body
 * compares a class and two numbers, and so do two kinds of tasks that take turns (a parent joining children
 * one by one), with no lookup of the site, of its lambda's linked method or any string comparison. Shared
 * by all threads and racy on purpose: the fields are final, so a reader sees a whole check or an older
 * one, and any one that matches was passed.
 */
final class BodyCheck {
    private static BodyCheck last;
    private static BodyCheck previous;

    private final Class<?> bodyClass;
    private final int site;
    private final boolean runnable;

    private BodyCheck(Class<?> bodyClass, int site, boolean runnable) {
        this.bodyClass = bodyClass;
        this.site = site;
        this.runnable = runnable;
    }

    /**
     * Whether the outermost saved frame, of frame site number {@code site}, already passed as
     * {@code body}'s own frame, the body being an {@code AsyncRunnable} ({@code runnable}) or an
     * {@code AsyncCallable}.
     */
    static boolean remembered(Object body, int site, boolean runnable) {
        BodyCheck l = last;
        if (l != null && l.matches(body, site, runnable)) {
            return true; // the same body class suspended from the same outermost site as last time
        }
        BodyCheck p = previous;
        return p != null && p.matches(body, site, runnable);
    }

    /**
     * Whether {@code outermost}, the self key of the outermost saved frame (or of the leaf the body called
     * directly), of frame site number {@code site}, is {@code body}'s own frame; remembered if it is. Self
     * keys are interned constants.
     */
    static boolean passes(Object body, int site, String outermost, boolean runnable) {
        if (body instanceof ReflectiveBody) { // never remembered: the bodies of all test methods share its class
            return ((ReflectiveBody) body).isMethodFrame(outermost);
        }
        String interfaceKey = runnable ? "run()V" : "call()Ljava/lang/Object;";
        String linked = Lambdas.implementationKey(body);
        if (interfaceKey.equals(outermost) || (linked != null && linked.equals(outermost))
                || (linked == null && body.getClass().isHidden())) {
            previous = last;
            last = new BodyCheck(body.getClass(), site, runnable);
            return true;
        }
        return false;
    }

    private boolean matches(Object body, int site, boolean runnable) {
        return this.site == site && bodyClass == body.getClass() && this.runnable == runnable;
    }
}
