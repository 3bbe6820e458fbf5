/** Gateway meters: names as constants, meters in fields, a fixed small tag vocabulary. */
package io.beatwatch.gateway.metrics;
