/** Small internal helpers: the JSON mapper, Lettuce-to-Vert.x future bridging, hashing. */
package io.beatwatch.gateway.internal;
