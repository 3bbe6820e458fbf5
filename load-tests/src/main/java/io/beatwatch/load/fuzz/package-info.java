/** Generators, mutators and targets of the on-demand fuzz harness ({@code FuzzHarness}). */
package io.beatwatch.load.fuzz;
