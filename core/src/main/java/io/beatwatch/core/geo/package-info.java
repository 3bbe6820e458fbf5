/** Coordinate conversion: projected systems (state plane, UTM) to WGS84 degrees, with proj4j. */
package io.beatwatch.core.geo;
