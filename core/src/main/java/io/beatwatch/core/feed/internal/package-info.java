/** Small helpers of the feed readers: a byte-counting stream and a compact set of id hashes. */
package io.beatwatch.core.feed.internal;
