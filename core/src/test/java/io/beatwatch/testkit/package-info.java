/** JUnit 5 extensions that run real services (Redis, Kafka) for integration tests. */
package io.beatwatch.testkit;
