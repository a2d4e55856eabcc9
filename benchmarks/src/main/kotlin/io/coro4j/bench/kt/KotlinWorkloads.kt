package io.coro4j.bench.kt

import io.coro4j.bench.Workloads
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext

/**
 * Kotlin coroutines (kotlinx-coroutines-core), written as Kotlin's own guides write them: a yield is
 * `yield()`, a task is `launch`, awaiting them is `joinAll`, the one-slot channel is a rendezvous
 * `Channel`, a sleep is `delay`. With `multiThreaded` false every workload runs in `runBlocking` on the
 * calling thread (its event loop, one thread, as coro4j's); with `multiThreaded` true in
 * `runBlocking(Dispatchers.Default)`, whose workers are as many threads as cores.
 */
class KotlinWorkloads(multiThreaded: Boolean) : Workloads {
    private val context: CoroutineContext = if (multiThreaded) Dispatchers.Default else EmptyCoroutineContext

    override fun yields(n: Int, depth: Int) = runBlocking(context) {
        if (depth == 1) {
            repeat(n) { yield() }
        } else {
            var sum = 0
            repeat(n) { sum += nest(depth - 2) }
            check(sum == n * (depth - 1))
        }
    }

    override fun yieldsTwoTasks(n: Int, depth: Int) = runBlocking(context) {
        repeat(2) {
            launch {
                if (depth == 1) {
                    repeat(n / 2) { yield() }
                } else {
                    var sum = 0
                    repeat(n / 2) { sum += nest(depth - 2) }
                    check(sum == n / 2 * (depth - 1))
                }
            }
        }
    }

    override fun spawn(n: Int) = runBlocking(context) {
        List(n) { launch { yield() } }.joinAll()
    }

    override fun sleepers(n: Int, millis: Long, whileAsleep: Runnable) = runBlocking(context) {
        repeat(n) {
            launch { delay(millis) }
        }
        yield() // every coroutine ran its first step and is asleep after this
        whileAsleep.run()
    }

    override fun pingPong(n: Int) = runBlocking(context) {
        val ping = Channel<Int>(Channel.RENDEZVOUS)
        val pong = Channel<Int>(Channel.RENDEZVOUS)
        launch {
            repeat(n) { pong.send(ping.receive()) }
        }
        var ball = 1
        repeat(n) {
            ping.send(ball)
            ball = pong.receive()
        }
    }

    companion object {
        /** `depth - 1` suspending calls below the caller; each level adds 1 to its callee's result. */
        suspend fun nest(below: Int): Int = if (below == 0) {
            yield()
            1
        } else {
            nest(below - 1) + 1
        }
    }
}
