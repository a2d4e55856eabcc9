package io.coro4j.instrument.rewrite;

import io.coro4j.instrument.analysis.FrameAnalysis;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The capture and restore code of one method's call sites, shared by the sites whose saved frames
 * begin alike (MethodRewriter's class comment shows the scheme).
 *
 * <p>A site's saved frame, in restore order, is its locals from slot 0 up, then its operand stack
 * below the call from the bottom up. The frames of all sites form a trie: a node is one value (a
 * local with its slot, or a stack entry with its depth, and its exact type), and each site ends at the
 * node of its last value. Each node's code restores its value and, going the other way, saves it, so
 * every value of every site is saved and restored by code written once per node.
 *
 * <ul>
 *   <li><b>Capture</b> runs from a site's node up to the root, saving one value per node, and closes
 *       the record at the root; it needs no branch, only jumps to where the paths meet.
 *   <li><b>Restore</b> runs from the root down to the site's node, then into the site's own block. The
 *       sites are numbered in the trie's pre-order, so each node's sites are one range of numbers; where
 *       paths part, the site number (in a local) picks the way.
 * </ul>
 *
 * <p>Its size grows with the number of nodes, at most the sum over sites of what each adds to the
 * frame it shares: for the operands of one expression, a constant per operand.
 *
 * <p>Sharing costs a little at run time: the site number and frame site travel in locals to the one
 * {@code saveFrame}, and the restore compares where paths part. A site with few values
 * ({@link #OWN_BLOCK_VALUES}) keeps straight-line blocks of its own instead, reached from the dispatch
 * by its number: the common frame suspends and resumes as fast as it can, and a bounded block per
 * site keeps the growth linear (and a method with very many sites shares them all:
 * {@link #OWN_BLOCK_BUDGET}).
 */
final class SaveTree {
    /** The most values a site's frame may hold and still get blocks of its own. */
    static final int OWN_BLOCK_VALUES = 12;
    /**
     * The most values all blocks of their own may hold in one method, about 12 bytes of code each:
     * beyond, every site shares, and the method stays small. HotSpot compiles no method of more than
     * 8000 bytes of code, and the JVM takes none of more than 64 KB.
     */
    static final int OWN_BLOCK_BUDGET = 200;
    /** The limit in force: tests lower it to send every site through the trie ({@code SharedFrames}). */
    static int ownBlockValues = OWN_BLOCK_VALUES;

    /** What the tree knows of one call site: its frame, and the number it gives it. */
    static class Site {
        /** The locals in frame notation, without trailing TOPs. */
        final List<Object> locals;
        /**
         * Per local of {@link #locals}: whether it is a primitive dead after the call (no path reads it
         * before writing it), so not saved, and given a zero of its type by the restore. A dead reference
         * is saved all the same: what it holds stays reachable while the task is suspended, as a CPython
         * frame keeps its locals, so that a task waiting on an object only such a local holds (the loop
         * holds waiting tasks weakly, as asyncio does) is not collected while the variable is in scope.
         */
        final boolean[] dead;
        /** The operand stack below the call's receiver and arguments, in frame notation. */
        final List<Object> below;
        /** The site's number: what its capture block saves and the restore dispatch picks. */
        int index;
        /** Whether its frame is saved and restored by the trie (else by straight-line blocks of its own). */
        boolean shared;
        final LabelNode ownRestore = new LabelNode();
        private Node end;

        /**
         * @param liveAfter the local slots live after the call ({@code LiveLocals}); a wide local is
         *     live when either of its slots is; only primitives are ever dead here (see {@link #dead})
         */
        Site(List<Object> locals, List<Object> below, BitSet liveAfter) {
            List<Object> trimmed = new ArrayList<>(locals);
            while (!trimmed.isEmpty() && Opcodes.TOP.equals(trimmed.get(trimmed.size() - 1))) {
                trimmed.remove(trimmed.size() - 1);
            }
            this.locals = trimmed;
            this.below = below;
            this.dead = new boolean[trimmed.size()];
            int slot = 0;
            for (int i = 0; i < trimmed.size(); i++) {
                boolean wide = FrameAnalysis.isWide(trimmed.get(i));
                boolean primitive = FrameValues.kind(trimmed.get(i)).saved != null
                        && FrameValues.kind(trimmed.get(i)) != FrameValues.Kind.REF;
                dead[i] = primitive && !liveAfter.get(slot) && !(wide && liveAfter.get(slot + 1));
                slot += wide ? 2 : 1;
            }
        }

        /** Whether local {@code i} of {@link #locals} is saved: live, and of a kind that is saved. */
        boolean saves(int i) {
            return !dead[i] && FrameValues.kind(locals.get(i)).saved != null;
        }
    }

    /**
     * One value of a saved frame: a local (at its slot) or a stack entry (at its depth). A dead local is
     * a value too, so that the frames list it, but it is not saved and the restore gives it a zero.
     */
    private static final class Value {
        final boolean local;
        final int position;
        final Object type;
        final boolean dead;

        Value(boolean local, int position, Object type, boolean dead) {
            this.local = local;
            this.position = position;
            this.type = type;
            this.dead = dead;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value && ((Value) o).local == local && ((Value) o).position == position
                    && ((Value) o).type.equals(type) && ((Value) o).dead == dead;
        }

        @Override
        public int hashCode() {
            return Objects.hash(local, position, type, dead);
        }
    }

    private static final class Node {
        final Node parent;
        /** Null at the root. */
        final Value value;
        final Map<Value, Node> children = new LinkedHashMap<>();
        final List<Site> ending = new ArrayList<>();
        /** The range of site numbers in this subtree. */
        int first;
        int last;
        final LabelNode restore = new LabelNode();
        final LabelNode capture = new LabelNode();
        boolean captureJumpedTo;

        Node(Node parent, Value value) {
            this.parent = parent;
            this.value = value;
        }

        Node child(Value v) {
            return children.computeIfAbsent(v, key -> new Node(this, key));
        }

        /** Whether capturing does anything here: a dead, unusable or null-typed local is not saved. */
        boolean saves() {
            return value != null && (!value.local || (!value.dead && FrameValues.kind(value.type).saved != null));
        }
    }

    private final Node root = new Node(null, null);
    private final List<Site> sites = new ArrayList<>();
    private final int continuationSlot;
    private final int indexSlot;

    /**
     * Builds the trie of {@code calls} and numbers them.
     *
     * @param continuationSlot the local that holds the continuation
     * @param indexSlot an int local free in capture and restore code, for the site number
     */
    SaveTree(List<? extends Site> calls, int continuationSlot, int indexSlot) {
        this.continuationSlot = continuationSlot;
        this.indexSlot = indexSlot;
        int ownValues = 0;
        for (Site site : calls) {
            int values = savedValues(site);
            ownValues += values <= ownBlockValues ? values : 0;
        }
        List<Site> own = new ArrayList<>();
        for (Site site : calls) {
            site.shared = savedValues(site) > ownBlockValues || ownValues > OWN_BLOCK_BUDGET;
            if (!site.shared) {
                own.add(site);
                continue;
            }
            Node node = root;
            int slot = 0;
            for (int i = 0; i < site.locals.size(); i++) {
                Object t = site.locals.get(i);
                node = node.child(new Value(true, slot, t, site.dead[i]));
                slot += FrameAnalysis.isWide(t) ? 2 : 1;
            }
            for (int depth = 0; depth < site.below.size(); depth++) {
                node = node.child(new Value(false, depth, site.below.get(depth), false));
            }
            node.ending.add(site);
            site.end = node;
        }
        List<Node> preOrder = preOrder(false);
        for (Node node : preOrder) {
            node.first = sites.size();
            for (Site site : node.ending) {
                site.index = sites.size();
                sites.add(site);
            }
        }
        for (int i = preOrder.size() - 1; i >= 0; i--) { // children before their parent
            Node node = preOrder.get(i);
            node.last = node.children.isEmpty() ? node.first + node.ending.size() - 1
                    : last(node.children.values()).last;
        }
        for (Site site : own) { // after the shared ones
            site.index = sites.size();
            sites.add(site);
        }
    }

    private static int savedValues(Site site) {
        int values = site.below.size();
        for (int i = 0; i < site.locals.size(); i++) {
            values += site.saves(i) ? 1 : 0;
        }
        return values;
    }

    /** Whether any site shares the trie. */
    boolean hasShared() {
        return !root.children.isEmpty() || !root.ending.isEmpty();
    }

    /** The sites, by number. */
    List<Site> sites() {
        return Collections.unmodifiableList(sites);
    }

    /**
     * Where a shared site's capture block jumps once it has saved what is its own (result, receiver,
     * arguments) and put its number and frame site in their locals.
     */
    LabelNode captureEntry(Site site) {
        return capturing(site.end).capture;
    }

    /** Where the restore dispatch sends the shared sites: the trie's root. */
    LabelNode restoreEntry() {
        return root.restore;
    }

    // ------------------------------------------------------------------------------------------------
    // a site's frame in straight-line blocks of its own
    // ------------------------------------------------------------------------------------------------

    /** Saves a site's frame in straight-line code: the stack below its call top first, then the locals. */
    void appendStraightCapture(InsnList code, Site site) {
        for (int i = site.below.size() - 1; i >= 0; i--) {
            FrameValues.saveTop(code, site.below.get(i), continuationSlot);
        }
        int[] slots = slots(site);
        for (int i = site.locals.size() - 1; i >= 0; i--) {
            if (!site.dead[i]) {
                FrameValues.saveLocal(code, site.locals.get(i), slots[i], continuationSlot);
            }
        }
    }

    /** Restores what {@link #appendStraightCapture} saved, in the reverse order; a zero for a dead local. */
    void appendStraightRestore(InsnList code, Site site) {
        int[] slots = slots(site);
        for (int i = 0; i < site.locals.size(); i++) {
            if (site.dead[i]) {
                FrameValues.zeroLocal(code, site.locals.get(i), slots[i]);
            } else {
                FrameValues.restoreLocal(code, site.locals.get(i), slots[i], continuationSlot);
            }
        }
        for (Object t : site.below) {
            FrameValues.push(code, t, continuationSlot);
        }
    }

    private static int[] slots(Site site) {
        int[] slots = new int[site.locals.size()];
        int slot = 0;
        for (int i = 0; i < slots.length; i++) {
            slots[i] = slot;
            slot += FrameAnalysis.isWide(site.locals.get(i)) ? 2 : 1;
        }
        return slots;
    }

    // ------------------------------------------------------------------------------------------------
    // capture: from a site's node up to the root
    // ------------------------------------------------------------------------------------------------

    /**
     * Appends the nodes' capture code, the root's last.
     *
     * @param suffix the frame's locals after the continuation's slot (the site number's among them)
     * @param close writes the root's code: close the record and return
     */
    void appendCapture(InsnList code, List<Object> suffix, Consumer<InsnList> close) {
        if (!hasShared()) {
            return;
        }
        List<Node> order = new ArrayList<>(); // post-order: each node's last child falls into it
        for (Node node : preOrder(true)) {
            if (node == root || node.saves()) {
                order.add(node);
            }
        }
        Collections.reverse(order);
        for (Site site : sites) {
            if (site.shared) {
                capturing(site.end).captureJumpedTo = true;
            }
        }
        for (int i = 0; i + 1 < order.size(); i++) {
            Node next = capturing(order.get(i).parent);
            if (order.get(i + 1) != next) {
                next.captureJumpedTo = true;
            }
        }
        // the last site block, when it jumps to the first node, falls into it instead
        AbstractInsnNode previous = code.getLast();
        if (previous instanceof JumpInsnNode && ((JumpInsnNode) previous).label == order.get(0).capture) {
            code.remove(previous);
        }
        for (int i = 0; i < order.size(); i++) {
            Node node = order.get(i);
            code.add(node.capture);
            if (node.captureJumpedTo) {
                code.add(frame(node, suffix));
            }
            if (node == root) {
                close.accept(code);
                continue;
            }
            if (node.value.local) {
                FrameValues.saveLocal(code, node.value.type, node.value.position, continuationSlot);
            } else {
                FrameValues.saveTop(code, node.value.type, continuationSlot);
            }
            Node next = capturing(node.parent);
            if (i + 1 == order.size() || order.get(i + 1) != next) {
                code.add(new JumpInsnNode(Opcodes.GOTO, next.capture));
            }
        }
    }

    /** The nearest node from {@code node} toward the root that saves something, or the root. */
    private Node capturing(Node node) {
        while (node != root && !node.saves()) {
            node = node.parent;
        }
        return node;
    }

    // ------------------------------------------------------------------------------------------------
    // restore: from the root down to a site's node, then its own block
    // ------------------------------------------------------------------------------------------------

    /**
     * Appends the restore code of the shared sites, from the root (the dispatch jumps there with the
     * site number in its local). Each site's own block ends with a jump.
     *
     * @param suffix the frame's locals after the continuation's slot (the site number's among them)
     * @param end writes the end of a site's restore: what it restores beyond its node (receiver,
     *     arguments) and the jump back to its call
     */
    void appendRestore(InsnList code, List<Object> suffix, BiConsumer<InsnList, Site> end) {
        if (!hasShared()) {
            return;
        }
        Deque<Object[]> todo = new ArrayDeque<>(); // {Node or Site, node whose frame it has or null}
        todo.push(new Object[] {root, root});
        while (!todo.isEmpty()) {
            Object[] block = todo.pop();
            Node frameOf = (Node) block[1];
            if (block[0] instanceof Site) {
                Site site = (Site) block[0];
                code.add(site.ownRestore);
                if (frameOf != null) {
                    code.add(frame(frameOf, suffix));
                }
                end.accept(code, site);
                continue;
            }
            Node node = (Node) block[0];
            code.add(node.restore);
            if (frameOf != null) {
                code.add(frame(frameOf, suffix));
            }
            if (node.value != null && node.value.local && node.value.dead) {
                FrameValues.zeroLocal(code, node.value.type, node.value.position);
            } else if (node.value != null && node.value.local) {
                FrameValues.restoreLocal(code, node.value.type, node.value.position, continuationSlot);
            } else if (node.value != null) {
                FrameValues.push(code, node.value.type, continuationSlot);
            }
            branch(code, node, suffix, todo);
        }
    }

    /**
     * Where the site number leads after {@code node}: to the own block of a site that ends here, or
     * into the child whose range holds it. The last of them is reached by falling through; the others
     * are pushed on {@code todo} to be written later, with a frame.
     */
    private void branch(InsnList code, Node node, List<Object> suffix, Deque<Object[]> todo) {
        List<Site> ending = new ArrayList<>(node.ending);
        List<Node> children = new ArrayList<>(node.children.values());
        Object fallInto = children.isEmpty() ? ending.remove(ending.size() - 1)
                : children.remove(children.size() - 1);
        if (ending.size() >= 4) { // numbered one after the other: one table
            LabelNode rest = new LabelNode();
            LabelNode[] targets = new LabelNode[ending.size()];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = ending.get(i).ownRestore;
            }
            code.add(new VarInsnNode(Opcodes.ILOAD, indexSlot));
            code.add(new TableSwitchInsnNode(ending.get(0).index, last(ending).index, rest, targets));
            code.add(rest);
            code.add(frame(node, suffix));
        } else {
            for (Site site : ending) {
                code.add(new VarInsnNode(Opcodes.ILOAD, indexSlot));
                code.add(FrameValues.intConstant(site.index));
                code.add(new JumpInsnNode(Opcodes.IF_ICMPEQ, site.ownRestore));
            }
        }
        for (Node child : children) { // ranges in ascending order, after the sites that end here
            code.add(new VarInsnNode(Opcodes.ILOAD, indexSlot));
            code.add(FrameValues.intConstant(child.last));
            code.add(new JumpInsnNode(Opcodes.IF_ICMPLE, child.restore));
        }
        for (Site site : ending) {
            todo.push(new Object[] {site, node});
        }
        for (Node child : children) {
            todo.push(new Object[] {child, node});
        }
        todo.push(new Object[] {fallInto, null});
    }

    // ------------------------------------------------------------------------------------------------
    // frames and walks
    // ------------------------------------------------------------------------------------------------

    /** The frame where {@code node}'s value and every one before it are in place. */
    private org.objectweb.asm.tree.FrameNode frame(Node node, List<Object> suffix) {
        List<Object> locals = new ArrayList<>();
        List<Object> stack = new ArrayList<>();
        for (Node n = node; n != root; n = n.parent) {
            (n.value.local ? locals : stack).add(n.value.type);
        }
        Collections.reverse(locals);
        Collections.reverse(stack);
        FrameValues.padTo(locals, continuationSlot);
        locals.addAll(suffix);
        return FrameValues.frame(locals, stack);
    }

    /**
     * The nodes, each before its children; with the children taken last to first, reversed, it is the
     * post-order (each after its children).
     */
    private List<Node> preOrder(boolean lastChildFirst) {
        List<Node> out = new ArrayList<>();
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            out.add(node);
            List<Node> children = new ArrayList<>(node.children.values());
            if (!lastChildFirst) {
                Collections.reverse(children); // pushed last to first, so taken first to last
            }
            for (Node child : children) {
                todo.push(child);
            }
        }
        return out;
    }

    private static <T> T last(java.util.Collection<T> items) {
        T last = null;
        for (T item : items) {
            last = item;
        }
        return last;
    }
}
