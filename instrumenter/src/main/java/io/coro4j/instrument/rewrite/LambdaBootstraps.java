package io.coro4j.instrument.rewrite;

import io.coro4j.instrument.Names;
import io.coro4j.instrument.analysis.CoroutineMethods.CoroutineLambda;
import java.util.Arrays;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;

/**
 * Points each {@code invokedynamic} that makes a coroutine lambda at {@code io.coro4j.protocol.Lambdas},
 * which links it exactly as {@code LambdaMetafactory} would and records the coroutine's name for
 * {@code Task.getCoro()}. Only the constant pool and the bootstrap table change: body-only.
 */
public final class LambdaBootstraps {
    private static final String METAFACTORY_DESC = "(Ljava/lang/invoke/MethodHandles$Lookup;"
            + "Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;"
            + "Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;Ljava/lang/String;)"
            + "Ljava/lang/invoke/CallSite;";
    private static final String ALT_METAFACTORY_DESC = "(Ljava/lang/invoke/MethodHandles$Lookup;"
            + "Ljava/lang/String;Ljava/lang/invoke/MethodType;[Ljava/lang/Object;)"
            + "Ljava/lang/invoke/CallSite;";

    private LambdaBootstraps() {}

    public static void redirect(CoroutineLambda lambda) {
        boolean alt = lambda.site.bsm.getName().equals("altMetafactory");
        if (!alt && !lambda.site.bsm.getName().equals("metafactory")) {
            return;
        }
        lambda.site.bsm = new Handle(Opcodes.H_INVOKESTATIC, Names.LAMBDAS,
                alt ? "altMetafactory" : "metafactory", alt ? ALT_METAFACTORY_DESC : METAFACTORY_DESC,
                false);
        Object[] args = Arrays.copyOf(lambda.site.bsmArgs, lambda.site.bsmArgs.length + 1);
        args[args.length - 1] = lambda.coroutineName;
        lambda.site.bsmArgs = args;
    }
}
