package io.beatwatch.core.profile;

/**
 * Reads a priority out of free text: if the priority column contains {@code contains}
 * (case-insensitive), the call's priority is {@code value}. Rules are tried in order; the first
 * match wins (e.g. Portland's {@code "*H"} = hot before {@code "- PRIORITY"}).
 */
public record PriorityRule(String contains, int value) {

    public PriorityRule {
        if (contains == null || contains.isEmpty()) {
            throw new IllegalArgumentException("priorityRules: contains is required");
        }
        if (value < 1) {
            throw new IllegalArgumentException(
                    "priorityRules: value must be >= 1 (1 = most urgent)");
        }
    }
}
