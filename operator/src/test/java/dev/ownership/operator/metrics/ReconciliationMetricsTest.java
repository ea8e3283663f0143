package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * JOSDK's metrics as {@link MeterRegistries#reconciliation} builds them, fed by a real JOSDK
 * {@link Operator} against the CRUD mock API: per controller and kind, never per resource.
 */
@EnableKubernetesMockClient(crud = true)
class ReconciliationMetricsTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @ControllerConfiguration(name = "metrics-test-claims")
  static final class CountingReconciler implements Reconciler<ServiceOwnership> {
    final AtomicInteger reconciled = new AtomicInteger();

    @Override
    public UpdateControl<ServiceOwnership> reconcile(ServiceOwnership resource, Context<ServiceOwnership> context) {
      reconciled.incrementAndGet();
      return UpdateControl.noUpdate();
    }
  }

  @Test
  void reconciliationsAreCountedPerControllerAndKindWithoutAnySeriesPerResource() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CountingReconciler reconciler = new CountingReconciler();
    Operator operator = new Operator(o -> o.withKubernetesClient(client)
        .withMetrics(MeterRegistries.reconciliation(registry))
        .withCloseClientOnStop(false)
        .withStopOnInformerErrorDuringStartup(false));
    try {
      operator.register(reconciler);
      operator.start();
      client.resource(claim("zz-shop-namespace", "zz-checkout-claim")).create();
      client.resource(claim("zz-shop-namespace", "zz-cart-claim")).create();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
          PrometheusSamples.parse(registry.scrape()).value("operator_sdk_reconciliations_success_total",
              "kind", "ServiceOwnership", "group", "ownership.dev")).contains(2.0));
    } finally {
      operator.stop();
    }

    String exposition = registry.scrape();
    PrometheusSamples samples = PrometheusSamples.parse(exposition);
    assertThat(samples.value("operator_sdk_reconciliations_started_total", "kind", "ServiceOwnership")).contains(2.0);
    assertThat(samples.named("operator_sdk_events_received_total", "kind", "ServiceOwnership")).isNotEmpty();
    assertThat(exposition).doesNotContain("zz-checkout-claim").doesNotContain("zz-cart-claim").doesNotContain("zz-shop-namespace");
    assertThat(reconciler.reconciled.get()).isGreaterThanOrEqualTo(2);
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
