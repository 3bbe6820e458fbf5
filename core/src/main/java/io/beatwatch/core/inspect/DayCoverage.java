package io.beatwatch.core.inspect;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Accepted events on one local day of the city's zone.
 *
 * @param date the local date
 * @param events accepted events that day
 * @param first local time of the first event
 * @param last local time of the last event
 * @param complete whether the day counts as fully covered (see {@link
 *     InspectionReport#completenessRule()})
 */
public record DayCoverage(
        LocalDate date, long events, LocalTime first, LocalTime last, boolean complete) {}
