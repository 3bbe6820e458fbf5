/** Sources and sinks of the jobs: Kafka topics and replayed files. */
package io.beatwatch.jobs.io;
