package io.beatwatch.core.model;

/** A WGS84 point in degrees. */
public record LatLon(double lat, double lon) implements java.io.Serializable {}
