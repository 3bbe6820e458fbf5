/**
 * Draft city profiles: guesses each column's role in a sample of a CAD export (id, time, place,
 * types, districts) with its evidence, for {@code beatwatch profile init}. Pure: the caller reads
 * the sample.
 */
package io.beatwatch.core.draft;
