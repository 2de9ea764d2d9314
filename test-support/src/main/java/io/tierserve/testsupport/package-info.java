/** Shared test set-up: one PostgreSQL server per test JVM, chosen by the {@code tierserve.test.db} switch. */
package io.tierserve.testsupport;
