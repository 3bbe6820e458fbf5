package io.beatwatch.core.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.beatwatch.core.model.TypeCount;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks {@code inspect} runs for the traps of a new feed: the daily rhythm (time zone), the
 * extent of the locations (placeholders, projected origins), officer-initiated types by name, and
 * coverage gaps against the baseline.
 *
 * @param clock events by local hour and weekday, with the shifted-clock warning
 * @param extent locations against the data's robust extent
 * @param baseline gaps and the suggested baselineDays
 * @param allTypes every type (tips: category) with its count, largest first
 * @param suggestedOfficer types that look officer-initiated by name and the profile does not count
 * @param configuredOfficer types that look officer-initiated and the profile already counts
 * @param map located events per cell inside the extent, for the map beside the report (not in the
 *     JSON report: it is drawn, not read)
 */
public record InspectionChecks(
        ClockCheck clock,
        ExtentCheck extent,
        BaselineAdvice baseline,
        List<TypeCount> allTypes,
        List<TypeCount> suggestedOfficer,
        List<TypeCount> configuredOfficer,
        @JsonIgnore DensityMap map) {

    public InspectionChecks {
        allTypes = List.copyOf(allTypes);
        suggestedOfficer = List.copyOf(suggestedOfficer);
        configuredOfficer = List.copyOf(configuredOfficer);
    }

    /** Every warning, most serious first. */
    public List<String> warnings() {
        var w = new ArrayList<String>();
        if (clock.warning() != null) {
            w.add("time: " + clock.warning());
        }
        if (extent.warning() != null) {
            w.add("location: " + extent.warning());
        }
        // A profile that sets baselineDays has made the choice; the Gaps line still shows ours.
        if (baseline.suggestedDays() != null && baseline.profileDays() == null) {
            w.add("coverage: " + baseline.render());
        }
        return w;
    }
}
