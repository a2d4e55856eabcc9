/** Which methods are coroutine methods, answered from class bytes without loading classes. */
package io.coro4j.instrument.hierarchy;
