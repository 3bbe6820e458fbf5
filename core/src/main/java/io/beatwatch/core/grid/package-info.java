/** The H3 hexagonal grid: cells, zones (k-rings), centroids and boundaries. */
package io.beatwatch.core.grid;
