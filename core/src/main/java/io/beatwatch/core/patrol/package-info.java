/** Patrol suggestions: district map, dosage ledger and the seeded, capped, randomized choice. */
package io.beatwatch.core.patrol;
