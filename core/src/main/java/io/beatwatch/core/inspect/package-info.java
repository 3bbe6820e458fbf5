/**
 * Feed inspection: what a city file holds, how much of it Beatwatch accepts, and which days it
 * covers.
 */
package io.beatwatch.core.inspect;
