/** Integration tests against a real Redis server and a real Kafka broker. */
package io.beatwatch.gateway.it;
