package io.coro4j.internal.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeakRegistryTest {
    @Test
    void keepsRegistrationOrderAndDropsRemovedEntries() {
        WeakRegistry<String> registry = new WeakRegistry<>();
        String a = new String("a");
        String b = new String("b");
        String c = new String("c");
        WeakRegistry.Entry<String> ea = new WeakRegistry.Entry<>(a);
        WeakRegistry.Entry<String> eb = new WeakRegistry.Entry<>(b);
        WeakRegistry.Entry<String> ec = new WeakRegistry.Entry<>(c);
        registry.link(ea);
        registry.link(eb);
        registry.link(ec);
        registry.link(ea); // linking twice is harmless
        assertEquals(List.of("a", "b", "c"), registry.snapshot());
        registry.remove(eb);
        registry.remove(eb);
        assertEquals(List.of("a", "c"), registry.snapshot());
        registry.remove(ea);
        registry.remove(ec);
        assertEquals(List.of(), registry.snapshot());
        assertEquals(0, registry.size());
        registry.link(new WeakRegistry.Entry<>(a));
        assertEquals(List.of("a"), registry.snapshot());
    }

    @Test
    void removedEntriesAreUnlinkedWhenTheListDoubles() {
        WeakRegistry<Object> registry = new WeakRegistry<>();
        Object kept = new Object();
        registry.link(new WeakRegistry.Entry<>(kept));
        for (int i = 0; i < 10_000; i++) {
            WeakRegistry.Entry<Object> e = new WeakRegistry.Entry<>(new Object());
            registry.link(e);
            registry.remove(e);
            assertTrue(registry.size() <= 128, "size " + registry.size());
        }
        assertEquals(List.of(kept), registry.snapshot());
        assertEquals(1, registry.size());
    }

    @Test
    void doesNotKeepItsEntriesAlive() throws Exception {
        WeakRegistry<Object> registry = new WeakRegistry<>();
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Object o = new Object();
            registry.link(new WeakRegistry.Entry<>(o));
            if (i % 10 == 0) {
                kept.add(o);
            }
        }
        for (int i = 0; i < 50 && registry.snapshot().size() > kept.size(); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(kept, registry.snapshot());
        assertEquals(kept.size(), registry.size());
    }
}
