package io.beatwatch.core.model;

/** How many events of one call type lie behind an alert. */
public record TypeCount(String type, long count) {}
