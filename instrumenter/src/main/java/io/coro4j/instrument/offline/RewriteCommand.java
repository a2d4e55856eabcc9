package io.coro4j.instrument.offline;

import io.coro4j.instrument.pipeline.TransformOptions;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line, for build tools other than Maven: {@code java -jar coro4j-agent.jar rewrite
 * <dir-or-jar>... [--classpath PATH]} (the agent jar's {@code Main-Class}). It rewrites directories and
 * jars in place, with the rewriter and the mark of the agent and the Maven plugin, and exits with 1 when
 * a coroutine method was refused, so that the build stops there.
 */
public final class RewriteCommand {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join(System.lineSeparator(),
            "Usage: java -jar coro4j-agent.jar rewrite [options] <directory-or-jar>...",
            "",
            "Rewrites the coroutine methods of compiled classes in place, as the coro4j agent would when they",
            "load, so that the program runs without -javaagent. Classes rewritten before (by this command, the",
            "Maven plugin or the agent) are left as they are. Run it after compiling, before packaging.",
            "",
            "Options:",
            "  --classpath, -cp PATH  the class path the classes were compiled against (directories and jars,",
            "                         separated by '" + File.pathSeparator + "'): supertypes are read from it,",
            "                         never loaded",
            "  --include PACKAGES     rewrite only these packages (comma-separated), as -Dcoro4j.include",
            "  --exclude PACKAGES     never rewrite these packages (comma-separated), as -Dcoro4j.exclude",
            "  --warn-on-refusal      report refused coroutine methods as warnings and exit 0 (a refused",
            "                         method throws its reason when called); by default they are errors",
            "  --verbose              list every rewritten method",
            "",
            "Exit status: 0 done; 1 a coroutine method was refused or a class could not be rewritten",
            "(nothing refused is written); 2 bad usage or an I/O error.");

    private final PrintStream out;
    private final PrintStream err;

    RewriteCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new RewriteCommand(System.out, System.err).run(args));
    }

    /** Runs the command line {@code args}; returns the exit status. */
    int run(String[] args) {
        if (args.length == 0 || !args[0].equals("rewrite")) {
            boolean help = args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")
                    || args[0].equals("help"));
            (help ? out : err).println(USAGE_TEXT);
            return help ? OK : USAGE;
        }
        List<Path> targets = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        boolean warnOnRefusal = false;
        boolean verbose = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--classpath":
                case "-cp":
                case "--include":
                case "--exclude":
                    if (i + 1 == args.length) {
                        return usage(arg + " needs a value");
                    }
                    String value = args[++i];
                    if (arg.equals("--include")) {
                        include.addAll(Arrays.asList(value.split(",")));
                    } else if (arg.equals("--exclude")) {
                        exclude.addAll(Arrays.asList(value.split(",")));
                    } else {
                        for (String element : value.split(File.pathSeparator)) {
                            if (!element.isEmpty()) {
                                classPath.add(Path.of(element));
                            }
                        }
                    }
                    break;
                case "--warn-on-refusal":
                    warnOnRefusal = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--help":
                case "-h":
                    out.println(USAGE_TEXT);
                    return OK;
                default:
                    if (arg.startsWith("-")) {
                        return usage("unknown option " + arg);
                    }
                    targets.add(Path.of(arg));
            }
        }
        if (targets.isEmpty()) {
            return usage("name at least one directory or jar to rewrite");
        }
        for (Path target : targets) {
            if (!Files.isDirectory(target) && !Files.isRegularFile(target)) {
                return usage("no directory or jar at " + target);
            }
        }
        List<Path> lookup = new ArrayList<>(targets); // the classes themselves first, then what they use
        lookup.addAll(classPath);
        TransformOptions options = new TransformOptions(false, exclude, include);
        return rewrite(targets, lookup, options, warnOnRefusal, verbose);
    }

    private int rewrite(List<Path> targets, List<Path> lookup, TransformOptions options, boolean warnOnRefusal,
                        boolean verbose) {
        int refusals = 0;
        try (ClassFileRewriter rewriter = new ClassFileRewriter(lookup, options)) {
            for (Path target : targets) {
                Summary summary = Files.isDirectory(target)
                        ? DirectoryTarget.rewrite(target, rewriter, null, warnOnRefusal)
                        : JarTarget.rewrite(target, rewriter, warnOnRefusal);
                if (verbose) {
                    summary.rewrittenMethods().forEach(m -> out.println("coro4j rewrote " + m));
                }
                for (String malformed : summary.malformed()) {
                    err.println("warning: " + malformed + ": not a class file coro4j can read; left as it is");
                }
                for (Refused refused : summary.refused()) {
                    err.println((warnOnRefusal ? "warning: " : "error: ") + refused.describe());
                }
                refusals += summary.refused().size();
                out.println(summary);
            }
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        if (refusals > 0 && !warnOnRefusal) {
            err.println("error: coro4j refused " + refusals + (refusals == 1 ? " coroutine method" : " coroutine methods")
                    + " (above); what was refused is left as compiled. Fix the code, or pass --warn-on-refusal"
                    + " to write it anyway with each refused method throwing its reason when called");
            return REFUSED;
        }
        return OK;
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
