/** The agent's entry points and its never-throwing class file transformer. */
package io.coro4j.instrument.agent;
