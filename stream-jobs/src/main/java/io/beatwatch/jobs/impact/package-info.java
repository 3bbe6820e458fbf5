/**
 * {@code beatwatch impact}: reads a patrol log and the calls, runs the impact study, writes the
 * report.
 */
package io.beatwatch.jobs.impact;
