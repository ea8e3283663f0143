package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import dev.ownership.operator.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * JOSDK's metrics as {@link MeterRegistries#reconciliation} builds them, fed by a real JOSDK {@link
 * Operator} against the CRUD mock API: per controller and kind, never per resource.
 */
@MockApiServer
class ReconciliationMetricsTest {
  static final Path DASHBOARD =
      Path.of(System.getProperty("ownership.repoRoot", ".."))
          .resolve("deploy/grafana/ownership-dashboard.json");
  KubernetesMockServer server;
  KubernetesClient client;

  @ControllerConfiguration(name = "metrics-test-claims")
  static final class CountingReconciler implements Reconciler<ServiceOwnership> {
    final AtomicInteger reconciled = new AtomicInteger();

    @Override
    public UpdateControl<ServiceOwnership> reconcile(
        ServiceOwnership resource, Context<ServiceOwnership> context) {
      reconciled.incrementAndGet();
      if (resource.getMetadata().getName().startsWith("broken"))
        throw new IllegalStateException("fails on purpose");
      return UpdateControl.noUpdate();
    }
  }

  @Test
  void reconciliationsAreCountedPerControllerAndKindWithoutAnySeriesPerResource() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CountingReconciler reconciler = new CountingReconciler();
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withMetrics(MeterRegistries.reconciliation(registry))
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(false));
    try {
      operator.register(reconciler);
      operator.start();
      client.resource(claim("zz-shop-namespace", "zz-checkout-claim")).create();
      client.resource(claim("zz-shop-namespace", "zz-cart-claim")).create();
      client.resource(claim("zz-shop-namespace", "broken-claim")).create();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                PrometheusSamples samples = PrometheusSamples.parse(registry.scrape());
                assertThat(
                        samples.value(
                            "operator_sdk_reconciliations_success_total",
                            "kind",
                            "ServiceOwnership",
                            "group",
                            "ownership.dev"))
                    .contains(2.0);
                assertThat(
                        samples.value(
                            "operator_sdk_reconciliations_failed_total",
                            "kind",
                            "ServiceOwnership"))
                    .isPresent();
              });
    } finally {
      operator.stop();
    }

    String exposition = registry.scrape();
    PrometheusSamples samples = PrometheusSamples.parse(exposition);
    assertThat(
            samples
                .value("operator_sdk_reconciliations_started_total", "kind", "ServiceOwnership")
                .orElseThrow())
        .isGreaterThanOrEqualTo(3.0);
    assertThat(samples.named("operator_sdk_events_received_total", "kind", "ServiceOwnership"))
        .isNotEmpty();
    assertThat(exposition)
        .doesNotContain("zz-checkout-claim")
        .doesNotContain("zz-cart-claim")
        .doesNotContain("zz-shop-namespace")
        .doesNotContain("broken-claim");
    assertThat(reconciler.reconciled.get()).isGreaterThanOrEqualTo(3);

    // The dashboard's reconciliation panels must chart names JOSDK really exports.
    Set<String> exported =
        samples.all().stream().map(PrometheusSamples.Sample::name).collect(Collectors.toSet());
    Set<String> charted = new TreeSet<>();
    for (PromqlExpressions.Expression e : PromqlExpressions.dashboard(DASHBOARD)) {
      PromqlExpressions.metricNames(e.promql()).stream()
          .filter(n -> n.startsWith("operator_sdk_"))
          .forEach(charted::add);
    }
    assertThat(charted).isNotEmpty();
    assertThat(exported).containsAll(charted);
  }

  static ServiceOwnership claim(String namespace, String name) {
    ServiceOwnership claim = new ServiceOwnership();
    claim.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    ServiceOwnershipSpec spec = new ServiceOwnershipSpec();
    spec.setTeam("payments");
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", name)).build());
    claim.setSpec(spec);
    return claim;
  }
}
