/**
 * Installing the agent at run time ({@code Coro.install()}). The runtime depends on the JDK alone, so
 * the attach code lives in the agent jar and is reached by name through reflection.
 */
package io.coro4j.internal.attach;
