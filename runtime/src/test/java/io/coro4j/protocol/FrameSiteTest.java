package io.coro4j.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;

/** The bootstrap that binds a capture block's {@code invokedynamic} to its site, and the table behind it. */
class FrameSiteTest {
    private static final MethodType SITE = MethodType.methodType(FrameSite.class);

    private static FrameSite bind(String selfKey, String location, String calleeKey) throws Throwable {
        CallSite site = FrameSite.bootstrap(MethodHandles.lookup(), "site", SITE, selfKey, location, calleeKey);
        assertTrue(site instanceof ConstantCallSite, "a site is bound for good");
        return (FrameSite) site.getTarget().invokeExact();
    }

    @Test
    void aCallSiteIsBoundToItsSiteWithItsNamesAndANumberThatFindsIt() throws Throwable {
        FrameSite site = bind("m(I)V", "t.FrameSiteTest.m(FrameSiteTest.java:1)", "n()V");

        assertEquals("m(I)V", site.selfKey);
        assertEquals("t.FrameSiteTest.m(FrameSiteTest.java:1)", site.location);
        assertEquals("n()V", site.calleeKey);
        assertSame(site, FrameSite.get(site.number));
        assertEquals(-1, site.passedWith, "no chain check has passed yet");
    }

    @Test
    void anEmptyCalleeKeyMeansAnInterfaceCallWhoseChainCheckIsSkipped() throws Throwable {
        assertNull(bind("m(I)V", "t.FrameSiteTest.m(FrameSiteTest.java:2)", "").calleeKey);
    }

    @Test
    void theSameSiteLinkedAgainIsTheSameSiteEvenFromStringsThatAreNotInterned() throws Throwable {
        // a retransformed class links its call sites again: the table must not grow with each link
        FrameSite first = bind("m(I)V", "t.FrameSiteTest.m(FrameSiteTest.java:3)", "n()V");
        FrameSite again = bind(new String("m(I)V"), new String("t.FrameSiteTest.m(FrameSiteTest.java:3)"),
                new String("n()V"));
        FrameSite byConstants = FrameSite.of("m(I)V", "t.FrameSiteTest.m(FrameSiteTest.java:3)", "n()V");

        assertSame(first, again);
        assertSame(first, byConstants);
    }

    @Test
    void twoCallsOnOneLineToDifferentMethodsAreTwoSites() throws Throwable {
        FrameSite a = bind("m(I)V", "t.FrameSiteTest.m(FrameSiteTest.java:4)", "a()V");
        FrameSite b = bind("m(I)V", "t.FrameSiteTest.m(FrameSiteTest.java:4)", "b()V");

        assertNotEquals(a.number, b.number);
    }

    @Test
    void aCallSiteOfAnyOtherTypeIsRefusedNamingTheClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrameSite.bootstrap(
                MethodHandles.lookup(), "site", MethodType.methodType(Object.class), "m(I)V", "x", "n()V"));

        assertTrue(e.getMessage().contains(FrameSiteTest.class.getName()), e.getMessage());
    }

    @Test
    void aLeafHasANumberOfItsOwnAndNoLocation() {
        LeafPoint leaf = new LeafPoint("leaf()V");

        assertEquals("leaf()V", FrameSite.get(leaf.site).selfKey);
        assertNull(FrameSite.get(leaf.site).location);
    }
}
