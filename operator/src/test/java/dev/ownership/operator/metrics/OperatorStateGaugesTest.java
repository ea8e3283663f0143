package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ownership.operator.ownership.EnforcementMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * {@code ownership_leader} and {@code ownership_namespace_enforcement}, which the alerts rely on.
 */
class OperatorStateGaugesTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  PrometheusSamples scrape() {
    return PrometheusSamples.parse(registry.scrape());
  }

  @Test
  void leaderIsZeroUntilTheLeaseIsHeldAndAgainWhenItIsLost() {
    LeaderGauge leader = new LeaderGauge(registry);
    assertThat(scrape().series("ownership_leader")).containsOnly(entry("", 0.0));
    leader.set(true);
    assertThat(scrape().value("ownership_leader")).contains(1.0);
    leader.set(false);
    assertThat(scrape().value("ownership_leader")).contains(0.0);
  }

  @Test
  void eachNamespaceHasOneSeriesForItsCurrentMode() {
    NamespaceEnforcementGauges enforcement = new NamespaceEnforcementGauges(registry);
    enforcement.set("shop", EnforcementMode.WARN);
    enforcement.set("data", EnforcementMode.ENFORCE);
    enforcement.set("shop", EnforcementMode.ENFORCE);
    enforcement.set("data", EnforcementMode.ENFORCE);

    assertThat(scrape().series("ownership_namespace_enforcement"))
        .containsOnly(
            entry("mode=enforce,namespace=shop", 1.0), entry("mode=enforce,namespace=data", 1.0));

    enforcement.remove("shop");
    enforcement.remove("never-seen");
    enforcement.set("data", EnforcementMode.OFF);
    assertThat(scrape().series("ownership_namespace_enforcement"))
        .containsOnly(entry("mode=off,namespace=data", 1.0));
  }
}
