/** Throughput harnesses run on demand (not part of the build's tests). */
package io.beatwatch.load;
