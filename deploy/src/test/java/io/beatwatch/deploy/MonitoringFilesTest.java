package io.beatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus configuration, alert rules and Grafana files parse and hang together: rule and
 * panel shapes, scrape job names, datasource uid, every metric name from a known exporter. Whether
 * those names are really exported is checked by {@link GatewayMetricsIT} and {@link JobMetricsIT}.
 */
class MonitoringFilesTest {

    static final Set<String> JOBS =
            Set.of("beatwatch-gateway", "beatwatch-flink", "beatwatch-gateway-ready");

    @Test
    void prometheusScrapesTheThreeJobsAndLoadsTheRules() {
        JsonNode prom = Repo.read(Repo.PROMETHEUS);
        var jobs = new TreeSet<String>();
        prom.path("scrape_configs").forEach(c -> jobs.add(c.path("job_name").asText()));
        assertThat(jobs).isEqualTo(new TreeSet<>(JOBS));
        var ruleFiles = new ArrayList<String>();
        prom.path("rule_files").forEach(f -> ruleFiles.add(f.asText()));
        assertThat(ruleFiles).containsExactly(Repo.ALERTS.getFileName().toString());
        assertThat(Repo.PROMETHEUS.resolveSibling(ruleFiles.get(0))).exists();
    }

    @Test
    void everyRuleHasASeverityAndASummaryAndAUniqueName() {
        var names = new HashSet<String>();
        for (JsonNode g : Repo.read(Repo.ALERTS).path("groups")) {
            for (JsonNode r : g.path("rules")) {
                String name = r.path("alert").asText();
                assertThat(name).as("alert name").startsWith("Beatwatch");
                assertThat(names.add(name)).as("unique " + name).isTrue();
                assertThat(r.path("expr").asText()).as(name).isNotBlank();
                assertThat(r.path("labels").path("severity").asText())
                        .as(name)
                        .isIn("critical", "warning");
                assertThat(r.path("annotations").path("summary").asText()).as(name).isNotBlank();
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyCriticalAlertHasAFiringCaseInThePromtoolTests() {
        var tested = new HashSet<String>();
        for (JsonNode t : Repo.read(Repo.ALERT_TESTS).path("tests")) {
            for (JsonNode c : t.path("alert_rule_test")) {
                if (c.path("exp_alerts").size() > 0) tested.add(c.path("alertname").asText());
            }
        }
        for (JsonNode g : Repo.read(Repo.ALERTS).path("groups")) {
            for (JsonNode r : g.path("rules")) {
                if (r.path("labels").path("severity").asText().equals("critical")) {
                    assertThat(tested).contains(r.path("alert").asText());
                }
            }
        }
    }

    @Test
    void everyExpressionUsesOnlyMetricsOfKnownExporters() {
        var unknown = new ArrayList<String>();
        for (var e : MonitoringFiles.all()) {
            var selectors = e.selectors();
            if (selectors.isEmpty()) unknown.add(e.where() + ": no metric in " + e.promql());
            for (var s : selectors) {
                boolean known =
                        List.of("beatwatch_gateway_", "flink_", "jvm_", "process_").stream()
                                        .anyMatch(s.name()::startsWith)
                                || PromQl.PROMETHEUS_OWN.contains(s.name())
                                || MonitoringFiles.BLACKBOX.contains(s.name());
                if (!known) unknown.add(e.where() + ": " + s.name());
                for (var m : s.matchers()) {
                    if (m.label().equals("job") && m.op().equals("=")) {
                        if (!JOBS.contains(m.value()))
                            unknown.add(e.where() + ": job " + m.value());
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void theDashboardUsesTheProvisionedDatasourceAndHasUniquePanels() {
        JsonNode dash = Repo.read(Repo.DASHBOARD);
        JsonNode datasources =
                Repo.read(Repo.GRAFANA_PROVISIONING.resolve("datasources/prometheus.yml"));
        String uid = datasources.path("datasources").get(0).path("uid").asText();
        assertThat(uid).isNotBlank();
        assertThat(dash.path("uid").asText()).isNotBlank();
        var ids = new HashSet<Integer>();
        int withTargets = 0;
        for (JsonNode p : MonitoringFiles.panels(dash)) {
            assertThat(ids.add(p.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(p.path("gridPos").path("w").asInt()).isPositive();
            if (p.path("type").asText().equals("row")) continue;
            assertThat(p.path("datasource").path("uid").asText()).isEqualTo(uid);
            assertThat(p.path("targets").size()).as(p.path("title").asText()).isPositive();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo(uid);
                assertThat(t.path("expr").asText()).isNotBlank();
            }
            withTargets++;
        }
        assertThat(withTargets).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theDashboardCoversWhatOpsWatch() {
        var titles = new ArrayList<String>();
        MonitoringFiles.panels(Repo.read(Repo.DASHBOARD))
                .forEach(p -> titles.add(p.path("title").asText().toLowerCase()));
        for (String topic :
                List.of(
                        "throughput",
                        "rejects by reason",
                        "alerts opened",
                        "event-to-alert latency",
                        "console sessions by role",
                        "pushes",
                        "http requests",
                        "tips",
                        "suggestions",
                        "feedback")) {
            assertThat(titles).as(topic).anyMatch(t -> t.contains(topic));
        }
    }

    @Test
    void provisioningLoadsTheDashboardFromWhereComposeMountsIt() throws Exception {
        JsonNode providers =
                Repo.read(Repo.GRAFANA_PROVISIONING.resolve("dashboards/beatwatch.yml"));
        String path = providers.path("providers").get(0).path("options").path("path").asText();
        var mounts = new ArrayList<String>();
        Repo.read(Repo.COMPOSE)
                .path("services")
                .path("grafana")
                .path("volumes")
                .forEach(v -> mounts.add(v.asText()));
        assertThat(mounts)
                .anyMatch(
                        m ->
                                m.startsWith("../../config/grafana/beatwatch-dashboard.json:")
                                        && m.contains(":" + path + "/"));
        assertThat(mounts).anyMatch(m -> m.startsWith("../../config/grafana/provisioning:"));
        assertThat(Files.isRegularFile(Repo.DASHBOARD)).isTrue();
    }

    @Test
    void thePrometheusRuleForTheOperatorIsAlertsYml() {
        JsonNode rule = Repo.k8s("PrometheusRule", "beatwatch");
        assertThat(rule.path("spec").path("groups"))
                .as("deploy/k8s/monitoring/prometheusrule.yaml spec.groups == alerts.yml groups")
                .isEqualTo(Repo.read(Repo.ALERTS).path("groups"));
    }
}
