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
 * <p>The last two body classes that passed, with their outermost frame's self key, are remembered: a task
 * that suspends again and again from the same body skips the lookup of its lambda's linked method and the
 * string comparison, and so do two kinds of tasks that take turns (a parent joining children one by one).
 * Shared by all threads and racy on purpose: the fields are final, so a reader sees a whole check or an
 * older one, and any one that matches was passed.
 */
final class BodyCheck {
    private static BodyCheck last;
    private static BodyCheck previous;

    private final Class<?> bodyClass;
    private final String outermost;
    private final String interfaceKey;

    private BodyCheck(Class<?> bodyClass, String outermost, String interfaceKey) {
        this.bodyClass = bodyClass;
        this.outermost = outermost;
        this.interfaceKey = interfaceKey;
    }

    /**
     * Whether {@code outermost}, the self key of the outermost saved frame (or of the leaf the body called
     * directly), is {@code body}'s own frame, the body being called through {@code interfaceKey}
     * ({@code call()Ljava/lang/Object;} or {@code run()V}). Self keys are interned constants.
     */
    static boolean passes(Object body, String outermost, String interfaceKey) {
        BodyCheck l = last;
        if (l != null && l.matches(body, outermost, interfaceKey)) {
            return true; // the same body class suspended from the same outermost frame as last time
        }
        BodyCheck p = previous;
        if (p != null && p.matches(body, outermost, interfaceKey)) {
            return true;
        }
        if (body instanceof ReflectiveBody) { // never cached: two test methods share its class
            return ((ReflectiveBody) body).isMethodFrame(outermost);
        }
        String linked = Lambdas.implementationKey(body);
        if (interfaceKey.equals(outermost) || (linked != null && linked.equals(outermost))
                || (linked == null && body.getClass().isHidden())) {
            previous = l;
            last = new BodyCheck(body.getClass(), outermost, interfaceKey);
            return true;
        }
        return false;
    }

    private boolean matches(Object body, String outermost, String interfaceKey) {
        return bodyClass == body.getClass() && this.outermost == outermost && this.interfaceKey == interfaceKey;
    }
}
