package io.coro4j.protocol;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * Bootstrap methods for the lambdas and method references that are coroutine bodies.
 *
 * <p>The agent points each {@code invokedynamic} that makes an {@code AsyncCallable},
 * {@code AsyncRunnable} (or other {@code @Async} functional interface) at these methods instead of
 * {@link LambdaMetafactory}, with one more static argument: the name of the coroutine the body runs
 * ({@code Cls.method}), worked out at rewrite time. They link exactly as {@code LambdaMetafactory} does
 * and, once per call site, remember that name for the proxy class, so that {@code Task.getCoro()} can
 * name a task's coroutine before it ever runs, at no cost per lambda instance.
 */
public final class Lambdas {
    /** Per proxy class: the coroutine name, and the linked method's {@code name+descriptor}. */
    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return new String[2];
        }
    };

    private Lambdas() {}

    /** {@link LambdaMetafactory#metafactory} plus the coroutine name. */
    public static CallSite metafactory(MethodHandles.Lookup caller, String interfaceMethodName,
                                       MethodType factoryType, MethodType interfaceMethodType,
                                       MethodHandle implementation, MethodType dynamicMethodType,
                                       String coroutineName) throws LambdaConversionException {
        CallSite site = LambdaMetafactory.metafactory(caller, interfaceMethodName, factoryType,
                interfaceMethodType, implementation, dynamicMethodType);
        remember(caller, site, implementation, coroutineName);
        return site;
    }

    /** {@link LambdaMetafactory#altMetafactory} plus the coroutine name, as the last static argument. */
    public static CallSite altMetafactory(MethodHandles.Lookup caller, String interfaceMethodName,
                                          MethodType factoryType, Object... args)
            throws LambdaConversionException {
        Object[] original = Arrays.copyOf(args, args.length - 1);
        CallSite site = LambdaMetafactory.altMetafactory(caller, interfaceMethodName, factoryType,
                original);
        remember(caller, site, (MethodHandle) args[1], (String) args[args.length - 1]);
        return site;
    }

    /** The coroutine that {@code body} runs, as recorded at link time, or {@code null}. */
    public static String coroutineName(Object body) {
        return body == null ? null : NAMES.get(body.getClass())[0];
    }

    /**
     * The {@code name+descriptor} of the method that the lambda or method reference {@code body} links
     * to, as recorded at link time, or {@code null}.
     */
    public static String implementationKey(Object body) {
        return body == null ? null : NAMES.get(body.getClass())[1];
    }

    /**
     * Makes one throwaway instance (a proxy constructor has no side effects) to learn the proxy class.
     * Never fails the linkage: a body it cannot name is named from its class later.
     */
    private static void remember(MethodHandles.Lookup caller, CallSite site, MethodHandle implementation,
                                 String coroutineName) {
        try {
            MethodHandle factory = site.getTarget();
            Object[] arguments = new Object[factory.type().parameterCount()];
            for (int i = 0; i < arguments.length; i++) {
                Class<?> type = factory.type().parameterType(i);
                arguments[i] = type.isPrimitive() ? MethodHandles.zero(type).invoke() : null;
            }
            Object probe = factory.invokeWithArguments(arguments);
            if (probe != null) {
                String[] names = NAMES.get(probe.getClass());
                names[0] = coroutineName;
                java.lang.invoke.MethodHandleInfo linked = caller.revealDirect(implementation);
                names[1] = linked.getName() + linked.getMethodType().toMethodDescriptorString();
            }
        } catch (Throwable ignored) {
            // naming is a courtesy; linking must not fail for it
        }
    }
}
