package io.coro4j.instrument.agent;

import io.coro4j.instrument.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the activations of coroutine methods that were already running when the agent, attached late,
 * rewrote their class. Such an activation goes on in the old code: it cannot suspend, and if something
 * it calls suspends, the continuation protocol refuses the task with an error. The user is told at
 * attach time, naming each one, rather than only when it fails.
 *
 * <p>Stack traces cannot tell an activation begun before the retransformation from one begun just
 * after it, so a method called in that instant may be reported too; the warning says what may happen,
 * not that it will.
 */
final class StaleActivations {
    private StaleActivations() {}

    /**
     * One warning per frame of {@code after} (the threads' stacks just after the retransformation) whose
     * method is among {@code rewritten} (coroutine method names by binary class name). {@code before}
     * (the stacks just before it) supplies the lines: the JVM cannot map the old code of a redefined
     * method to lines, so its frames lose them.
     */
    static List<String> find(Map<String, Set<String>> rewritten, Map<Thread, StackTraceElement[]> before,
                             Map<Thread, StackTraceElement[]> after) {
        List<String> warnings = new ArrayList<>();
        if (rewritten.isEmpty()) {
            return warnings;
        }
        for (Map.Entry<Thread, StackTraceElement[]> thread : after.entrySet()) {
            StackTraceElement[] frames = thread.getValue();
            for (int i = 0; i < frames.length; i++) {
                Set<String> methods = rewritten.get(frames[i].getClassName());
                if (methods != null && methods.contains(frames[i].getMethodName())) {
                    StackTraceElement located = sameFrame(frames, i, before.get(thread.getKey()));
                    warnings.add(warning(thread.getKey().getName(), located));
                }
            }
        }
        return warnings;
    }

    /**
     * Frame {@code i} of {@code after} as {@code before} saw it: an activation that was running all
     * along sits at the same depth counted from the bottom of its thread's stack.
     */
    private static StackTraceElement sameFrame(StackTraceElement[] after, int i, StackTraceElement[] before) {
        int j = before == null ? -1 : before.length - (after.length - i);
        if (j >= 0 && before[j].getClassName().equals(after[i].getClassName())
                && before[j].getMethodName().equals(after[i].getMethodName())) {
            return before[j];
        }
        return after[i];
    }

    private static String warning(String thread, StackTraceElement frame) {
        String where = Names.location(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                frame.getLineNumber());
        return "coro4j was attached while thread \"" + thread + "\" was running coroutine method " + where
                + ": this activation keeps running the old, un-rewritten code and cannot suspend (if a"
                + " coroutine method it calls suspends, its task fails with an IllegalStateException);"
                + " calls made from now on run the rewritten code. Install the agent before coroutines"
                + " run: start the JVM with -javaagent:coro4j-agent.jar, or call Coro.install() first";
    }
}
