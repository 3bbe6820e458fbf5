/** The fault harness's parts: the faults, a run's snapshot, the comparison and the report. */
package io.beatwatch.load.faults;
