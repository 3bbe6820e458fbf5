/**
 * {@code beatwatch cluster}: Flink as separate JobManager and TaskManager processes on one host.
 */
package io.beatwatch.app.cluster;
