/** Test support: real local Redis and Kafka, a gateway fixture, console and alert helpers. */
package io.beatwatch.gateway.testing;
