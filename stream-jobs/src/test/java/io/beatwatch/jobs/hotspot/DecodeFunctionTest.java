package io.beatwatch.jobs.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatwatch.core.json.Json;
import io.beatwatch.core.model.CallForService;
import io.beatwatch.core.model.PublicCall;
import io.beatwatch.core.profile.CityProfiles;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Sensitivity is decided once, at decode, from the job's city profile: the flag rides on the event
 * and on the public calls, whatever the gateway's config says.
 */
class DecodeFunctionTest {

    static final Instant T0 =
            Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    static String call(String id, String type, String typeFinal) {
        return Json.encode(
                new CallForService(
                        CallForService.VERSION,
                        id,
                        T0,
                        type,
                        type,
                        typeFinal,
                        null,
                        null,
                        false,
                        null,
                        "NORTH",
                        null,
                        29.4241,
                        -98.4936,
                        "1 MAIN ST",
                        "test"));
    }

    record Out(List<CellEvent> events, List<PublicCall> publicCalls) {}

    static Out decode(HotspotJobConfig config, String... payloads) throws Exception {
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new DecodeFunction(config)))) {
            h.open();
            for (String p : payloads) {
                h.processElement(RawRecord.call(p), 0);
            }
            List<CellEvent> events = h.extractOutputValues();
            List<PublicCall> pub =
                    h.getSideOutput(DecodeFunction.PUBLIC_CALLS).stream()
                            .map(r -> r.getValue())
                            .toList();
            return new Out(events, pub);
        }
    }

    @Test
    void cityProfilesSensitiveTypesAreMarkedAtDecode() throws Exception {
        var config = HotspotJobConfig.forProfile(CityProfiles.load("san-antonio"));
        var out =
                decode(
                        config,
                        call("L1", "Lewd Conduct", null),
                        call("T1", "Theft", null),
                        call("F1", "Disturbance", "Visitation Violation"));

        assertThat(out.events())
                .extracting(e -> e.id + ":" + e.sensitive)
                .containsExactly("L1:true", "T1:false", "F1:true");
        assertThat(out.publicCalls())
                .extracting(c -> c.id() + ":" + c.sensitive())
                .containsExactly("L1:true", "T1:false", "F1:true");
    }

    @Test
    void defaultTermsApplyWithoutAProfile() throws Exception {
        var config = Scenarios.jobConfig();
        var out = decode(config, call("D1", "DISTURBANCE", "DOMESTIC VIOLENCE"));
        assertThat(out.publicCalls())
                .singleElement()
                .extracting(PublicCall::sensitive)
                .isEqualTo(true);
    }

    @Test
    void publicCallsCarryTheDistrictButNoTypeOrAddress() throws Exception {
        var out = decode(Scenarios.jobConfig(), call("B1", "BURGLARY", null));
        PublicCall pub = out.publicCalls().get(0);
        assertThat(Json.encode(pub)).doesNotContain("BURGLARY", "MAIN ST");
        // the police district is public: the page's district trends are built from it
        assertThat(pub.district()).isEqualTo("NORTH");
    }
}
