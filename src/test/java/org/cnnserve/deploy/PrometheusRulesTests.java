package org.cnnserve.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus files under deploy/prometheus, checked by promtool: that they parse, and that the
 * alerts fire, and stay quiet, as alerts.test.yml says.
 */
class PrometheusRulesTests {

    // promtool answers in well under a second; the margin is for a loaded CI machine.
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ExternalTool promtool;

    // Per test rather than @BeforeAll: a skip in @BeforeAll shows in Surefire's report as zero tests
    // run, not as skipped ones.
    @BeforeEach
    void findPromtool() {
        promtool = ExternalTool.require("promtool");
    }

    @Test
    void alertAndRecordingRulesAreValid() {
        assertSucceeds(promtool.run(TIMEOUT, "check", "rules", "deploy/prometheus/alerts.yml"));
    }

    @Test
    void alertsFireOnlyWhenTheirUnitTestsSayTheyShould() {
        assertSucceeds(promtool.run(TIMEOUT, "test", "rules", "deploy/prometheus/alerts.test.yml"));
    }

    @Test
    void composeScrapeConfigIsValidAndFindsItsRules() {
        ExternalTool.Result result = promtool.run(TIMEOUT, "check", "config", "deploy/prometheus/prometheus.yml");
        assertSucceeds(result);
        // check config passes even with no rule_files; make sure the alerts are really loaded.
        assertThat(result.output()).as(result::describe)
                .containsPattern("Checking deploy/prometheus/alerts.yml\\s+SUCCESS: [1-9][0-9]* rules found");
    }

    private static void assertSucceeds(ExternalTool.Result result) {
        assertThat(result.exitCode()).as(result::describe).isZero();
    }
}
