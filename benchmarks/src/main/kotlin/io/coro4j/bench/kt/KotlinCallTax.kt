package io.coro4j.bench.kt

import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield

/**
 * The call tax in Kotlin: a suspending function whose suspension point is never taken, called `n` times in
 * a loop inside `runBlocking`, every call depending on the one before. `CallTaxBench` compares it with the
 * plain Java callee (the same body, `Thread.yield()` in the branch never taken), as it does coro4j's, and
 * keeps the JIT from inlining the `*NoInline` one with `-XX:CompileCommand=dontinline` (JMH's
 * `@CompilerControl` is read from Java sources only).
 */
object KotlinCallTax {
    @JvmStatic
    fun suspending(seed: Int, never: Boolean, n: Int): Int = runBlocking {
        var x = seed
        for (i in 0 until n) x = suspendStep(x, i, never)
        x
    }

    @JvmStatic
    fun suspendingNoInline(seed: Int, never: Boolean, n: Int): Int = runBlocking {
        var x = seed
        for (i in 0 until n) x = suspendStepNoInline(x, i, never)
        x
    }

    @JvmStatic
    suspend fun suspendStep(x: Int, i: Int, suspend: Boolean): Int {
        if (suspend) yield()
        return (x xor (x ushr 7)) * 31 + i
    }

    @JvmStatic
    suspend fun suspendStepNoInline(x: Int, i: Int, suspend: Boolean): Int {
        if (suspend) yield()
        return (x xor (x ushr 7)) * 31 + i
    }
}
