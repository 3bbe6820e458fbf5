/** The end-to-end latency harness: call into Kafka to alert on a console, on the real parts. */
package io.beatwatch.load.latency;
