package io.beatwatch.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an alert is in its life: opened once, updated on escalation, closed when the excess is
 * gone.
 */
public enum AlertState {
    @JsonProperty("opened")
    OPENED,
    @JsonProperty("updated")
    UPDATED,
    @JsonProperty("closed")
    CLOSED
}
