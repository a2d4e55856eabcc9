package io.coro4j.instrument.offline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What one run over a directory or a jar did: counts, the methods rewritten, and what was refused. */
public final class Summary {
    private final String target;
    private int classFiles;
    private int rewrittenClasses;
    private int alreadyRewritten;
    private int unchanged;
    private final List<String> rewritten = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();

    Summary(String target) {
        this.target = target;
    }

    /**
     * Counts one class file and what became of it.
     *
     * @param written whether the result was written (a class with refusals is not, unless asked)
     */
    void add(String classFile, String className, ClassFileRewriter.Result result, boolean written) {
        classFiles++;
        switch (result.outcome()) {
            case REWRITTEN:
                if (written) {
                    rewrittenClasses++;
                    for (String method : result.methods()) {
                        rewritten.add(className + "." + method);
                    }
                }
                break;
            case ALREADY_REWRITTEN:
                alreadyRewritten++;
                break;
            case MALFORMED:
                malformed.add(classFile);
                break;
            default:
                break;
        }
        refused.addAll(result.refused());
    }

    /** Counts a class file skipped because it did not change since the last run. */
    void addUnchanged() {
        classFiles++;
        unchanged++;
    }

    /** The directory or jar, as given. */
    public String target() {
        return target;
    }

    public int classFiles() {
        return classFiles;
    }

    /** Classes rewritten (and marked) by this run. */
    public int rewrittenClasses() {
        return rewrittenClasses;
    }

    /** Class files that carried the mark already, left as they were. */
    public int alreadyRewritten() {
        return alreadyRewritten;
    }

    /** Class files skipped unread: the same as the last run left them. */
    public int unchanged() {
        return unchanged;
    }

    /** The coroutine methods rewritten, as {@code pkg.Cls.name(descriptor)}. */
    public List<String> rewrittenMethods() {
        return Collections.unmodifiableList(rewritten);
    }

    /** The methods refused and the classes the rewriter failed on. */
    public List<Refused> refused() {
        return Collections.unmodifiableList(refused);
    }

    /** Class files ASM could not read, left as they were. */
    public List<String> malformed() {
        return Collections.unmodifiableList(malformed);
    }

    /** One line for the log: what was rewritten, out of how many class files, and what was skipped. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder("coro4j rewrote ").append(rewritten.size())
                .append(rewritten.size() == 1 ? " coroutine method in " : " coroutine methods in ")
                .append(rewrittenClasses).append(rewrittenClasses == 1 ? " class" : " classes")
                .append(" of ").append(target).append(" (").append(classFiles)
                .append(classFiles == 1 ? " class file" : " class files");
        if (alreadyRewritten > 0) {
            line.append(", ").append(alreadyRewritten).append(" rewritten before");
        }
        if (unchanged > 0) {
            line.append(", ").append(unchanged).append(" unchanged since the last run");
        }
        if (!refused.isEmpty()) {
            line.append(", ").append(refused.size()).append(refused.size() == 1 ? " refusal" : " refusals");
        }
        return line.append(')').toString();
    }
}
