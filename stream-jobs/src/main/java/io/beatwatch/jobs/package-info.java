/** Flink jobs of Beatwatch. */
package io.beatwatch.jobs;
